import Foundation

/// Durations and clock times as the tables show them: short, fixed vocabulary.
enum TimeText {
    /// `850ms`, `12.3s`, `4m05s`, `2h03m`, `3d04h`.
    static func duration(_ value: Duration) -> String {
        duration(seconds: seconds(value))
    }

    /// Like `duration`, with tenths of a millisecond below 10 ms (`0.2ms`): lock waits live there.
    static func preciseDuration(_ value: Duration) -> String {
        let milliseconds = seconds(value) * 1000
        guard milliseconds < 10 else { return duration(value) }
        let tenths = Int((max(0, milliseconds) * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)ms"
    }

    static func duration(seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let value = max(0, seconds)
        // Built by hand: String(format:) is the slowest part of a table with thousands of rows.
        if value < 1 { return "\(Int(value * 1000))ms" }
        if value < 10 {
            let tenths = Int((value * 10).rounded(.down))
            return "\(tenths / 10).\(tenths % 10)s"
        }
        let whole = Int(value)
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m\(twoDigits(whole % 60))s" }
        if whole < 86_400 { return "\(whole / 3600)h\(twoDigits(whole % 3600 / 60))m" }
        return "\(whole / 86_400)d\(twoDigits(whole % 86_400 / 3600))h"
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
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
