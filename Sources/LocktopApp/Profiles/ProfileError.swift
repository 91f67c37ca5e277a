/// Why a profile could not be used; the description names the file, line and field to fix.
public enum ProfileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file is not valid TOML.
    case syntax(file: String, line: Int, column: Int, message: String)
    /// A field is unknown or has a value of the wrong kind.
    case invalidField(file: String, line: Int?, field: String, message: String)
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// `-P NAME` names no profile of the file.
    case notFound(name: String, file: String, available: [String])

    public var description: String {
        switch self {
        case .syntax(let file, let line, let column, let message):
            "\(file):\(line):\(column): invalid TOML: \(message)"
        case .invalidField(let file, let line, let field, let message):
            "\(file):\(line.map(String.init) ?? "?"): \(field): \(message)"
        case .unreadable(let file, let reason):
            "cannot read the profiles in \(file): \(reason)"
        case .notFound(let name, let file, let available):
            "no profile named \"\(name)\" in \(file)"
                + (available.isEmpty ? " (it defines none; add a [profiles.\(name)] table)" : " (it defines: \(available.joined(separator: ", ")))")
        }
    }
}
