extension Color {
    /// The xterm-256 colour nearest to an RGB value (from the cube and grey ramp, never 0-15,
    /// whose real colours depend on the user's terminal theme).
    public static func nearest(red: UInt8, green: UInt8, blue: UInt8) -> Color {
        let target = (Int(red), Int(green), Int(blue))
        var best = 16, bestDistance = Int.max
        for index in 16...255 {
            let distance = squaredDistance(rgb(ofIndex: index), target)
            if distance < bestDistance {
                best = index
                bestDistance = distance
            }
        }
        return .indexed(UInt8(best))
    }

    /// The palette index to use on a terminal with `colorCount` colours; -1 means the terminal's default.
    ///
    /// 256-colour indices fall back to the nearest of the 16 ANSI colours, and on 8-colour
    /// terminals the bright colours fall back to their normal ones.
    public func index(forColorCount colorCount: Int) -> Int {
        guard let index = paletteIndex, colorCount >= 8 else { return -1 }
        if colorCount >= 256 || index < min(colorCount, 16) { return index }
        let ansi = index < 16 ? index : Color.nearestANSI(to: Color.rgb(ofIndex: index))
        return colorCount >= 16 ? ansi : ansi % 8
    }

    /// The usual xterm RGB value of a palette index.
    static func rgb(ofIndex index: Int) -> (Int, Int, Int) {
        switch index {
        case 0..<16:
            return ansiRGB[index]
        case 16..<232:
            let cube = index - 16
            let levels = [0, 95, 135, 175, 215, 255]
            return (levels[cube / 36], levels[(cube / 6) % 6], levels[cube % 6])
        default:
            let grey = 8 + 10 * (min(index, 255) - 232)
            return (grey, grey, grey)
        }
    }

    private static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]

    private static func nearestANSI(to rgb: (Int, Int, Int)) -> Int {
        (0..<16).min { squaredDistance(ansiRGB[$0], rgb) < squaredDistance(ansiRGB[$1], rgb) } ?? 7
    }

    private static func squaredDistance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr + dg * dg + db * db
    }
}
