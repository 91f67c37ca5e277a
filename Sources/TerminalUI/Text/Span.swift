/// A piece of text in one style; a line is an array of spans.
public struct Span: Hashable, Sendable {
    /// The text, already sanitised.
    public var text: DisplayText
    /// How the text looks.
    public var style: Style

    /// A span of a Swift string (controls escaped).
    public init(_ text: String, style: Style = .plain) {
        self.text = DisplayText(text)
        self.style = style
    }

    /// A span of already sanitised text.
    public init(_ text: DisplayText, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// Columns taken on screen.
    public var width: Int { text.width }
}

/// A grapheme with the style it is drawn in.
struct StyledGrapheme: Hashable, Sendable {
    var grapheme: Grapheme
    var style: Style

    var width: Int { grapheme.width }
    var isSpace: Bool { grapheme.symbol == " " }
}

extension Array where Element == Span {
    /// The spans flattened into styled graphemes.
    var styledGraphemes: [StyledGrapheme] {
        flatMap { span in span.text.graphemes.map { StyledGrapheme(grapheme: $0, style: span.style) } }
    }

    /// Columns taken by all the spans.
    var width: Int { reduce(0) { $0 + $1.width } }
}
