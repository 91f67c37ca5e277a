import Foundation
import TOMLKit

extension ProfileStore {
    /// Writes `patterns` into the profile `name` of the configuration file (made if missing),
    /// keeping its other fields and the other profiles; a new profile also gets `url` (no
    /// password: the file never holds one). From then on `locktop -P NAME` and `locktop list -P
    /// NAME` scan those patterns. Returns the file's path.
    @discardableResult
    public static func savePatterns(_ patterns: [String], toProfile name: String, url: String?, file: String? = nil,
                                    environment: [String: String]) throws(ProfileError) -> String {
        let path = file ?? configurationFile(environment: environment)
        let source = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        // Refuse to rewrite a file that does not parse: it would lose what the user wrote.
        _ = try ProfileParser.parse(source, file: path)
        do {
            let document = source.isEmpty ? TOMLTable() : try TOMLTable(string: source)
            let profiles = document["profiles"]?.table ?? TOMLTable()
            let profile = profiles[name]?.table ?? TOMLTable()
            if profile["url"] == nil, profile["sentinel"] == nil, profile["cluster"] == nil, let url { profile["url"] = url }
            profile["patterns"] = TOMLArray(patterns)
            profiles[name] = profile
            document["profiles"] = profiles
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try document.convert(to: .toml).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .unreadable(file: path, reason: "could not write the profile: \(error)")
        }
        return path
    }
}
