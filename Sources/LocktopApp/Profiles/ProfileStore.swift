import Foundation

/// Where `config.toml` lives and how a profile is read from it.
public enum ProfileStore {
    /// `$XDG_CONFIG_HOME/locktop/config.toml`, else `~/.config/locktop/config.toml`.
    public static func configurationFile(environment: [String: String]) -> String {
        if let base = environment["XDG_CONFIG_HOME"], base.hasPrefix("/") { return base + "/locktop/config.toml" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.config/locktop/config.toml"
    }

    /// The profile `name` from `file` (default: `configurationFile`).
    public static func profile(named name: String, file: String? = nil, environment: [String: String]) throws(ProfileError) -> ConnectionProfile {
        let path = file ?? configurationFile(environment: environment)
        let source: String
        do {
            source = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "\(error.localizedDescription)" : "there is no such file; create it with a [profiles.\(name)] table"
            throw .unreadable(file: path, reason: reason)
        }
        if let profile = try ProfileParser.parse(source, file: path, only: name)[name] { return profile }
        throw .notFound(name: name, file: path, available: ProfileParser.names(in: source))
    }
}
