extension Color {
    /// A colour from its name in a theme file.
    ///
    /// Accepts `default`, the 16 ANSI names (`red`, `bright_red`, `bright-red` or `brightRed`),
    /// an xterm-256 index (`"214"`), or `#rrggbb` (mapped to the nearest of the 256 colours).
    public init?(name: String) {
        let key = name.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " }
        if key == "default" {
            self = .default
        } else if let index = Color.ansiNames.firstIndex(of: key) {
            self = Color.ansi[index]
        } else if let index = UInt8(key) {
            self.init(paletteIndex: index)
        } else if key.hasPrefix("#"), key.count == 7, let rgb = UInt32(key.dropFirst(), radix: 16) {
            self = .nearest(red: UInt8(rgb >> 16), green: UInt8((rgb >> 8) & 0xFF), blue: UInt8(rgb & 0xFF))
        } else {
            return nil
        }
    }

    private static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "brightblack", "brightred", "brightgreen", "brightyellow",
        "brightblue", "brightmagenta", "brightcyan", "brightwhite",
    ]
}
