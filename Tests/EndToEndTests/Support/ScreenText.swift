import Foundation

/// Reading values back from a captured screen.
enum ScreenText {
    /// The first row of `screen` that contains `text`.
    static func row(containing text: String, in screen: String) -> String? {
        screen.split(separator: "\n", omittingEmptySubsequences: false).first { $0.contains(text) }.map(String.init)
    }

    /// The first duration after `marker` in its row, in seconds: `850ms`, `12.3s`, `59s`, `4m05s`.
    static func firstDuration(after marker: String, in screen: String) -> Double? {
        guard let row = row(containing: marker, in: screen), let range = row.range(of: marker) else { return nil }
        for word in row[range.upperBound...].split(whereSeparator: { $0 == " " || $0 == "│" || $0 == "|" }) {
            if let seconds = seconds(String(word)) { return seconds }
        }
        return nil
    }

    /// The value of one duration word, or nil when the word is not one.
    static func seconds(_ word: String) -> Double? {
        if word.hasSuffix("ms"), let value = Double(word.dropLast(2)) { return value / 1000 }
        if word.hasSuffix("s") {
            let body = word.dropLast()
            if let value = Double(body) { return value }
            let parts = body.split(separator: "m")
            if parts.count == 2, let minutes = Double(parts[0]), let seconds = Double(parts[1]) { return minutes * 60 + seconds }
        }
        return nil
    }
}
