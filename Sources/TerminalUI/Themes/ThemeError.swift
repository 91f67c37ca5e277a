/// Why a theme could not be loaded; the description names the file, line and field to fix.
public enum ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file is not valid TOML.
    case syntax(file: String, line: Int, column: Int, message: String)
    /// A field has a value the theme cannot use (unknown colour or role, wrong type).
    case invalidField(file: String, line: Int?, field: String, message: String)
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// No theme of this name in any theme directory.
    case notFound(name: String, searched: [String])

    /// The theme file concerned, if any.
    public var file: String? {
        switch self {
        case .syntax(let file, _, _, _), .invalidField(let file, _, _, _), .unreadable(let file, _): file
        case .notFound: nil
        }
    }

    /// The line (from 1) where the problem is, when known.
    public var line: Int? {
        switch self {
        case .syntax(_, let line, _, _): line
        case .invalidField(_, let line, _, _): line
        case .unreadable, .notFound: nil
        }
    }

    /// The dotted path of the field at fault (for example `styles.header.fg`), when there is one.
    public var field: String? {
        if case .invalidField(_, _, let field, _) = self { return field }
        return nil
    }

    public var description: String {
        switch self {
        case .syntax(let file, let line, let column, let message):
            "\(file):\(line):\(column): invalid TOML: \(message)"
        case .invalidField(let file, let line, let field, let message):
            "\(file):\(line.map(String.init) ?? "?"): \(field): \(message)"
        case .unreadable(let file, let reason):
            "\(file): cannot read theme: \(reason)"
        case .notFound(let name, let searched):
            "no theme named \"\(name)\" (looked in: \(searched.isEmpty ? "no directories" : searched.joined(separator: ", ")))"
        }
    }
}
