import Foundation
import TestSupport

/// Finds the private redis-server `locktop demo` announced on stderr, and tells whether it is gone.
struct DemoServerTrace {
    /// The server's folder (its socket and working directory).
    let directory: String

    /// The folder of the first `unix://…/redis.sock` URL in `log`.
    init?(log: String) {
        guard let match = log.firstMatch(of: /unix:\/\/(\S+)\/redis\.sock/) else { return nil }
        directory = String(match.1)
    }

    /// Waits until `leftovers` is empty: after an interrupt the server's watchdog ends it and
    /// removes the folder a moment after locktop itself is gone.
    func waitUntilGone(timeout: Duration = .seconds(10)) async throws {
        try await Polling.until("the demo server is gone (left: \(leftovers))", timeout: timeout) { leftovers.isEmpty }
    }

    /// The socket and folder are removed and no process works in that folder (redis-server runs
    /// with `--dir` there, and its title does not name the socket, so its cwd is what gives it away).
    var leftovers: [String] {
        var found: [String] = []
        if FileManager.default.fileExists(atPath: directory) { found.append("folder \(directory)") }
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for pid in processes where Int(pid) != nil {
            guard let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd") else { continue }
            if cwd.hasPrefix(directory) { found.append("process \(pid) in \(cwd)") }
        }
        return found
    }
}
