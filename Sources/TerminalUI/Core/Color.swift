/// A terminal colour: the terminal's default, one of the 16 ANSI colours, or an xterm-256 index.
public enum Color: Hashable, Sendable {
    case `default`
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow
    case brightBlue, brightMagenta, brightCyan, brightWhite
    /// An xterm-256 palette index; 0-15 are the ANSI colours, 16-231 a 6x6x6 cube, 232-255 greys.
    case indexed(UInt8)

    /// The 16 ANSI colours in palette order (index 0 is black, 15 bright white).
    public static let ansi: [Color] = [
        .black, .red, .green, .yellow, .blue, .magenta, .cyan, .white,
        .brightBlack, .brightRed, .brightGreen, .brightYellow,
        .brightBlue, .brightMagenta, .brightCyan, .brightWhite,
    ]

    /// The xterm-256 palette index, or nil for the terminal's default colour.
    public var paletteIndex: Int? {
        switch self {
        case .default: nil
        case .indexed(let index): Int(index)
        default: Color.ansi.firstIndex(of: self)
        }
    }

    /// The colour for a palette index, folding 0-15 onto the named ANSI cases so equal colours compare equal.
    public init(paletteIndex index: UInt8) {
        self = index < 16 ? Color.ansi[Int(index)] : .indexed(index)
    }
}
