/// How a cell looks: foreground and background colours and text attributes.
public struct Style: Hashable, Sendable {
    /// The text colour.
    public var fg: Color
    /// The background colour.
    public var bg: Color
    /// Bold (bright on some terminals).
    public var bold: Bool
    /// Underlined.
    public var underline: Bool
    /// Foreground and background swapped by the terminal.
    public var reverse: Bool
    /// Fainter than normal text.
    public var dim: Bool

    /// Creates a style; every part defaults to the terminal's own.
    public init(
        fg: Color = .default, bg: Color = .default,
        bold: Bool = false, underline: Bool = false, reverse: Bool = false, dim: Bool = false
    ) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    /// The terminal's default look.
    public static let plain = Style()

    /// This style with `overlay` laid on top: its non-default colours win, its attributes add.
    public func patched(with overlay: Style) -> Style {
        Style(
            fg: overlay.fg == .default ? fg : overlay.fg,
            bg: overlay.bg == .default ? bg : overlay.bg,
            bold: bold || overlay.bold,
            underline: underline || overlay.underline,
            reverse: reverse || overlay.reverse,
            dim: dim || overlay.dim
        )
    }

    /// A copy with another foreground colour.
    public func fg(_ color: Color) -> Style { var copy = self; copy.fg = color; return copy }
    /// A copy with another background colour.
    public func bg(_ color: Color) -> Style { var copy = self; copy.bg = color; return copy }
    /// A bold copy.
    public func bold(_ on: Bool = true) -> Style { var copy = self; copy.bold = on; return copy }
    /// An underlined copy.
    public func underline(_ on: Bool = true) -> Style { var copy = self; copy.underline = on; return copy }
    /// A copy with foreground and background swapped by the terminal.
    public func reverse(_ on: Bool = true) -> Style { var copy = self; copy.reverse = on; return copy }
    /// A dimmed copy.
    public func dim(_ on: Bool = true) -> Style { var copy = self; copy.dim = on; return copy }
}
