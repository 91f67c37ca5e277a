import Foundation
import LockInspector
import RedisClient
import VisibleText

#if canImport(Glibc)
import Glibc
#endif

/// Writes a `SnapshotExport` as two files side by side: `locktop-<UTC time>.json` (the schema of
/// `locktop list --json`, which `locktop replay` reads back) and `.txt` (the `list` table, then
/// the live events). Never overwrites: a second snapshot in the same second gets `-2`, `-3`, ...
public enum SnapshotWriter {
    /// Why a snapshot could not be written, with the path, so the operator can pick another (`--snapshot-dir`).
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// `$XDG_STATE_HOME/locktop`, else `~/.local/state/locktop` (the XDG default).
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("locktop")
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".local/state/locktop")
    }

    /// Writes both files into `directory` (made if missing, private to the user); returns the JSON file's path.
    public static func write(_ export: SnapshotExport, server: ServerCapabilities?, to directory: URL) throws(Failure) -> URL {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure(description: "cannot create \(directory.path): \(error.localizedDescription)")
        }
        let anomalies = AnomalyRules.evaluate(export.snapshot, now: export.shownAt)
        let report = SnapshotReport(export.snapshot, endpoint: export.endpoint, anomalies: anomalies, server: server)
        var json: [UInt8]
        do {
            json = try report.jsonBytes()
        } catch {
            throw Failure(description: "cannot encode the snapshot: \(error)")
        }
        json.append(UInt8(ascii: "\n"))
        let table = SnapshotTable.render(export.snapshot, anomalies: anomalies, now: export.shownAt, server: server)
            + "\n" + eventLines(export.events) + "\n"
        let stem = "locktop-" + stamp(export.shownAt)
        for attempt in 1...100 {
            let name = attempt == 1 ? stem : "\(stem)-\(attempt)"
            let jsonFile = directory.appendingPathComponent(name + ".json")
            let tableFile = directory.appendingPathComponent(name + ".txt")
            guard try create(jsonFile, json) else { continue }
            guard try create(tableFile, Array(table.utf8)) else {
                try? FileManager.default.removeItem(at: jsonFile)
                continue
            }
            return jsonFile
        }
        throw Failure(description: "\(directory.path) already holds 100 snapshots taken at \(stamp(export.shownAt))")
    }

    /// `20261204-201500` in UTC: sorts by time, no characters a shell or file system minds.
    static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02d-%02d%02d%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0, p.second ?? 0)
    }

    /// The Events view as text, newest first (keys escaped by the one rule).
    static func eventLines(_ events: [LiveEvent]) -> String {
        guard !events.isEmpty else { return "no live events" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let lines = events.reversed().map { event in
            "\(formatter.string(from: event.time)) \(event.kind.rawValue) \(VisibleText.escape(event.key))"
        }
        return "\(events.count) live event(s), newest first:\n" + lines.joined(separator: "\n")
    }

    /// Creates `file` with `bytes` only if it does not exist yet; false when it does.
    private static func create(_ file: URL, _ bytes: [UInt8]) throws(Failure) -> Bool {
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return false }
            throw Failure(description: "cannot write \(file.path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard result > 0 else {
                if result < 0, errno == EINTR { continue }
                throw Failure(description: "cannot write \(file.path): \(String(cString: strerror(errno)))")
            }
            written += result
        }
        return true
    }
}
