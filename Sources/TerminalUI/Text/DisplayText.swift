import VisibleText

/// Text made safe for a cell grid: split into graphemes with their widths, controls and invalid bytes escaped.
///
/// Keys and values read from Redis are arbitrary bytes. Control characters would move the
/// cursor or change colours, bidirectional overrides would reorder the screen, and invalid
/// UTF-8 has no glyph, so all of them are shown as escapes:
///
/// ```swift
/// DisplayText(bytes: [0x6B, 0xFF, 0x0A, 0x5C]).description  // "k\\xFF\\n\\\\"
/// DisplayText("락:쿠폰").width                          // 7
/// ```
public struct DisplayText: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The graphemes in order; escapes appear as one grapheme per ASCII character.
    public private(set) var graphemes: [Grapheme]
    /// Columns taken on screen.
    public private(set) var width: Int

    /// Text from a Swift string, with controls escaped.
    public init(_ string: String) {
        self.init(graphemes: DisplayText.sanitize(string))
    }

    /// Text from a string literal, with controls escaped.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// Text from raw bytes, as `VisibleText.escape` shows them (controls, invalid UTF-8 and
    /// backslashes escaped; valid UTF-8 kept).
    public init(bytes: some Collection<UInt8>) {
        self.init(graphemes: DisplayText.sanitize(VisibleText.escape(bytes)))
    }

    /// Text from graphemes already measured.
    public init(graphemes: [Grapheme]) {
        self.graphemes = graphemes
        self.width = graphemes.reduce(0) { $0 + $1.width }
    }

    /// The empty text.
    public static let empty = DisplayText(graphemes: [])

    /// The text as drawn, escapes included.
    public var description: String { graphemes.map(\.symbol).joined() }

    /// True when there is nothing to draw.
    public var isEmpty: Bool { graphemes.isEmpty }

    /// The text cut to at most `columns` columns.
    ///
    /// A cut is marked with `…` when `ellipsis` is true; a wide character never straddles the
    /// edge: it is dropped and the column it would have started in becomes a space, so a cut
    /// text is exactly `columns` wide.
    public func truncated(to columns: Int, ellipsis: Bool = true) -> DisplayText {
        let plan = Truncation.plan(widths: graphemes.map(\.width), total: width, limit: columns, ellipsis: ellipsis)
        if plan.keep == graphemes.count && !plan.ellipsis && plan.padding == 0 { return self }
        var kept = Array(graphemes.prefix(plan.keep))
        if plan.ellipsis { kept.append(.ellipsis) }
        kept += Array(repeating: .space, count: plan.padding)
        return DisplayText(graphemes: kept)
    }

    /// Both texts one after the other.
    public static func + (lhs: DisplayText, rhs: DisplayText) -> DisplayText {
        DisplayText(graphemes: lhs.graphemes + rhs.graphemes)
    }

    // MARK: - Escaping

    static func sanitize(_ string: String) -> [Grapheme] {
        // Printable ASCII, most of what a table shows: one column per byte, nothing to escape.
        if string.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) {
            return string.utf8.map { Grapheme(symbol: String(Character(Unicode.Scalar($0))), width: 1) }
        }
        var result: [Grapheme] = []
        result.reserveCapacity(string.utf8.count)
        for character in string {
            guard character.unicodeScalars.contains(where: VisibleText.mustEscape) else {
                result.append(Grapheme(character))
                continue
            }
            // A control inside a cluster is escaped too, and the rest of the cluster kept apart from it.
            for scalar in character.unicodeScalars {
                if VisibleText.mustEscape(scalar) {
                    var escaped = ""
                    VisibleText.append(scalar, to: &escaped)
                    result += escaped.map { Grapheme(symbol: String($0), width: 1) }
                } else {
                    result.append(Grapheme(Character(scalar)))
                }
            }
        }
        return result
    }
}
