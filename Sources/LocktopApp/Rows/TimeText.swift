import Foundation

/// Durations and clock times as the tables show them: short, fixed vocabulary.
enum TimeText {
    /// `850ms`, `12.3s`, `4m05s`, `2h03m`, `3d04h`.
    static func duration(_ value: Duration) -> String {
        duration(seconds: seconds(value))
    }

    static func duration(seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let value = max(0, seconds)
        if value < 1 { return "\(Int(value * 1000))ms" }
        if value < 10 { return String(format: "%.1fs", value) }
        let whole = Int(value)
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        if whole < 86_400 { return String(format: "%dh%02dm", whole / 3600, whole % 3600 / 60) }
        return String(format: "%dd%02dh", whole / 86_400, whole % 86_400 / 3600)
    }

    /// Time since `date`, or `-` when unknown.
    static func age(since date: Date?, now: Date) -> String {
        guard let date else { return "-" }
        return duration(seconds: now.timeIntervalSince(date))
    }

    /// `14:03:07.250` in `timeZone`.
    static func clock(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute, .second, .nanosecond], from: date)
        let millis = (parts.nanosecond ?? 0) / 1_000_000
        return String(format: "%02d:%02d:%02d.%03d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, millis)
    }

    /// `2023-11-14 22:13:20` in `timeZone`, for the detail pane.
    static func timestamp(_ date: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0, p.second ?? 0)
    }

    /// Seconds of a duration, for sorting.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
