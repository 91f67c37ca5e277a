import RedisClient
import TOMLKit
import TerminalUI

/// Reads `config.toml`: a `[profiles.NAME]` table per profile.
///
/// ```toml
/// [profiles.prod]
/// url = "redis://cache-1:6379"
/// db = 2
/// user = "ops"
/// password_env = "PROD_REDIS_PASSWORD"
/// patterns = ["lock:*", "saga:*"]
/// read_only = true
/// theme = "production"
/// refresh = 0.5
/// tls = true                     # also: cacert, cacertdir, cert, key, sni, insecure
/// cacert = "/etc/ssl/redis-ca.pem"
/// ```
public enum ProfileParser {
    static let fields = ["url", "sentinel", "master", "cluster", "db", "user", "password_env", "patterns", "read_only", "theme", "refresh",
                         "tls", "cacert", "cacertdir", "cert", "key", "sni", "insecure"]

    /// The profiles of `source` by name (only `name`'s when given, so a broken profile does not
    /// keep the others from being used); `file` names the file in errors.
    public static func parse(_ source: String, file: String, only name: String? = nil) throws(ProfileError) -> [String: ConnectionProfile] {
        let document: TOMLTable
        do {
            document = try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw .syntax(file: file, line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        } catch {
            throw .syntax(file: file, line: 1, column: 1, message: String(describing: error))
        }
        let context = Context(source: source, file: file)
        for key in document.keys where key != "profiles" {
            // `[profile.prod]` writes only the child's header: look for that line.
            let located = document[key]?.table?.keys.first.map { [key, $0] } ?? [key]
            throw context.error([key], "unknown key (profiles go in [profiles.NAME] tables)", locating: located)
        }
        guard let value = document["profiles"] else { return [:] }
        guard let tables = value.table else { throw context.error(["profiles"], "must be a table of [profiles.NAME] tables") }
        var profiles: [String: ConnectionProfile] = [:]
        for key in tables.keys {
            guard let table = tables[key]?.table else { throw context.error(["profiles", key], "must be a table") }
            if name == nil || key == name { profiles[key] = try context.profile(key, table) }
        }
        return profiles
    }

    /// The profile names `source` defines (empty when it cannot be parsed).
    static func names(in source: String) -> [String] {
        ((try? TOMLTable(string: source))?["profiles"]?.table?.keys).map { Array($0).sorted() } ?? []
    }

    private struct Context {
        let source: String
        let file: String

        func error(_ path: [String], _ message: String, locating located: [String]? = nil) -> ProfileError {
            .invalidField(file: file, line: TOMLSourceLocator.line(of: located ?? path, in: source), field: path.joined(separator: "."),
                          message: message)
        }

        func profile(_ name: String, _ table: TOMLTable) throws(ProfileError) -> ConnectionProfile {
            let path = ["profiles", name]
            for key in table.keys where !ProfileParser.fields.contains(key) {
                throw error(path + [key], "unknown field (known: \(ProfileParser.fields.joined(separator: ", ")))")
            }
            var profile = ConnectionProfile(name: name)
            profile.url = try string(table, path, "url")
            profile.sentinel = try string(table, path, "sentinel")
            profile.master = try string(table, path, "master")
            profile.cluster = try string(table, path, "cluster")
            profile.user = try string(table, path, "user")
            profile.passwordEnvironmentVariable = try string(table, path, "password_env")
            profile.theme = try string(table, path, "theme")
            if profile.url != nil && profile.sentinel != nil {
                throw error(path + ["sentinel"], "give url or sentinel, not both")
            }
            if profile.cluster != nil && (profile.url != nil || profile.sentinel != nil) {
                throw error(path + ["cluster"], "give one of url, cluster (seed nodes host:port,...) or sentinel")
            }
            if let seeds = profile.cluster {
                do { _ = try ClusterAddress(parsing: seeds) } catch let invalid { throw error(path + ["cluster"], invalid.message) }
            }
            if (profile.sentinel == nil) != (profile.master == nil) {
                throw error(path + [profile.sentinel == nil ? "master" : "sentinel"], "sentinel and master go together")
            }
            if let value = table["db"] {
                guard let number = value.int, number >= 0 else { throw error(path + ["db"], "must be a database index (0, 1, ...)") }
                profile.database = number
            }
            if let value = table["read_only"] {
                guard let flag = value.bool else { throw error(path + ["read_only"], "must be true or false") }
                profile.readOnly = flag
            }
            if let value = table["refresh"] {
                guard let seconds = value.double ?? value.int.map(Double.init), seconds >= 0.05, seconds <= 3600 else {
                    throw error(path + ["refresh"], "must be a number of seconds between 0.05 and 3600")
                }
                profile.refresh = seconds
            }
            profile.tls = try tls(table, path)
            if let value = table["patterns"] {
                guard let array = value.array else { throw error(path + ["patterns"], "must be a list of key globs, e.g. [\"lock:*\"]") }
                var patterns: [String] = []
                for item in array {
                    guard let pattern = item.string, !pattern.isEmpty else {
                        throw error(path + ["patterns"], "every pattern must be a non-empty string")
                    }
                    patterns.append(pattern)
                }
                profile.patterns = patterns
            }
            return profile
        }

        /// The TLS fields, nil when the profile has none.
        func tls(_ table: TOMLTable, _ path: [String]) throws(ProfileError) -> TLSFlags? {
            var flags = TLSFlags(caFile: try string(table, path, "cacert"), caDirectory: try string(table, path, "cacertdir"),
                                 certificate: try string(table, path, "cert"), key: try string(table, path, "key"),
                                 serverName: try string(table, path, "sni"))
            for key in ["tls", "insecure"] {
                guard let value = table[key] else { continue }
                guard let flag = value.bool else { throw error(path + [key], "must be true or false") }
                if key == "tls" { flags.enabled = flag } else { flags.insecure = flag }
            }
            if (flags.certificate == nil) != (flags.key == nil) {
                throw error(path + [flags.certificate == nil ? "key" : "cert"], "cert and key go together (the client certificate and its private key)")
            }
            return flags == TLSFlags() ? nil : flags
        }

        func string(_ table: TOMLTable, _ path: [String], _ key: String) throws(ProfileError) -> String? {
            guard let value = table[key] else { return nil }
            guard let text = value.string, !text.isEmpty else { throw error(path + [key], "must be a non-empty string") }
            return text
        }
    }
}
