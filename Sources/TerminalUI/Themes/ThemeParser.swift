import TOMLKit

/// Turns the text of a theme file into a `Theme`.
///
/// ```toml
/// name = "default"
///
/// [palette]            # named colours: ANSI names, 0-255, or "#rrggbb"
/// amber = 214
///
/// [styles]             # roles -> { fg, bg, bold, underline, reverse, dim }
/// warning = { fg = "amber", bold = true }
/// ```
enum ThemeParser {
    private static let topLevelKeys: Set<String> = ["name", "description", "palette", "styles"]
    private static let styleKeys: Set<String> = ["fg", "bg", "bold", "underline", "reverse", "dim"]

    /// Parses `source`; `file` names the file in errors, `defaultName` is used when the file has no `name`.
    static func parse(_ source: String, file: String, defaultName: String) throws(ThemeError) -> Theme {
        let document: TOMLTable
        do {
            document = try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw .syntax(
                file: file, line: error.source.begin.line, column: error.source.begin.column,
                message: error.description)
        } catch {
            throw .syntax(file: file, line: 1, column: 1, message: String(describing: error))
        }
        var context = Context(source: source, file: file)
        for key in document.keys where !topLevelKeys.contains(key) {
            throw context.error([key], "unknown key (expected one of: name, description, palette, styles)")
        }
        var name = defaultName
        if let value = document["name"] {
            guard let string = value.string else { throw context.error(["name"], "must be a string") }
            name = string
        }
        if let value = document["palette"] {
            guard let palette = value.table else { throw context.error(["palette"], "must be a table of colours") }
            try context.readPalette(palette)
        }
        var styles: [Theme.Role: Style] = [:]
        if let value = document["styles"] {
            guard let table = value.table else { throw context.error(["styles"], "must be a table of roles") }
            for roleName in table.keys {
                guard let role = Theme.Role(rawValue: roleName) else {
                    let known = Theme.Role.allCases.map(\.rawValue).joined(separator: ", ")
                    throw context.error(["styles", roleName], "unknown role (known roles: \(known))")
                }
                guard let entry = table[roleName]?.table else {
                    throw context.error(["styles", roleName], "must be a table such as { fg = \"red\", bold = true }")
                }
                styles[role] = try context.readStyle(entry, path: ["styles", roleName])
            }
        }
        return Theme(name: name, styles: styles)
    }

    private struct Context {
        let source: String
        let file: String
        var palette: [String: Color] = [:]

        func error(_ path: [String], _ message: String) -> ThemeError {
            .invalidField(
                file: file, line: TOMLSourceLocator.line(of: path, in: source),
                field: path.joined(separator: "."), message: message)
        }

        mutating func readPalette(_ table: TOMLTable) throws(ThemeError) {
            for name in table.keys {
                guard let value = table[name], let color = literalColor(value) else {
                    throw error(["palette", name], "unknown colour \(describe(table[name])) (use an ANSI name, 0-255 or \"#rrggbb\")")
                }
                palette[name] = color
            }
        }

        func readStyle(_ table: TOMLTable, path: [String]) throws(ThemeError) -> Style {
            var style = Style()
            for key in table.keys {
                let fieldPath = path + [key]
                guard ThemeParser.styleKeys.contains(key) else {
                    throw error(fieldPath, "unknown style attribute (expected fg, bg, bold, underline, reverse or dim)")
                }
                guard let value = table[key] else { continue }
                switch key {
                case "fg", "bg":
                    guard let color = color(value) else {
                        let names = palette.keys.sorted().joined(separator: ", ")
                        throw error(fieldPath, "unknown colour \(describe(value)) (palette: \(names.isEmpty ? "empty" : names); or an ANSI name, 0-255, \"#rrggbb\")")
                    }
                    if key == "fg" { style.fg = color } else { style.bg = color }
                default:
                    guard let flag = value.bool else { throw error(fieldPath, "must be true or false") }
                    switch key {
                    case "bold": style.bold = flag
                    case "underline": style.underline = flag
                    case "reverse": style.reverse = flag
                    default: style.dim = flag
                    }
                }
            }
            return style
        }

        /// A palette name or a colour literal.
        private func color(_ value: TOMLValueConvertible) -> Color? {
            if let name = value.string, let color = palette[name] { return color }
            return literalColor(value)
        }

        private func literalColor(_ value: TOMLValueConvertible) -> Color? {
            if let index = value.int { return (0...255).contains(index) ? Color(paletteIndex: UInt8(index)) : nil }
            return value.string.flatMap(Color.init(name:))
        }

        private func describe(_ value: TOMLValueConvertible?) -> String {
            guard let value else { return "(missing)" }
            if let string = value.string { return "\"\(string)\"" }
            if let int = value.int { return String(int) }
            return "of type \(value.type)"
        }
    }
}
