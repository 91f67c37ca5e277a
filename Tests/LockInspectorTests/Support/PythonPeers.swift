import Foundation

/// The Python peer libraries (redis-py, python-redis-lock, pottery) in the venv that
/// `scripts/bench-venv.sh` keeps, run as real clients against a test server.
enum PythonPeers {
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// The repository root, found from this file's place in `Tests/LockInspectorTests/Support`.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The venv's python, creating the venv first if it is missing.
    static func python() async throws -> String {
        let script = repositoryRoot.appendingPathComponent("scripts/bench-venv.sh").path
        let output = try await run("/bin/bash", [script])
        let path = output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last.map(String.init) ?? ""
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Failed(description: "scripts/bench-venv.sh printed no usable python: \(output)")
        }
        return path
    }

    /// Runs `source` with the venv's python and `arguments` as `sys.argv[1...]`; returns its stdout.
    static func runScript(_ source: String, arguments: [String]) async throws -> String {
        try await run(try await python(), ["-c", source] + arguments)
    }

    /// Runs a program to its end without blocking a thread of the cooperative pool; output
    /// goes to files, so a chatty child can never fill a pipe and hang.
    static func run(_ executable: String, _ arguments: [String]) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("locktop-peers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdoutURL = directory.appendingPathComponent("stdout")
        let stderrURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdout.close()
            try? stderr.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let output = (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let errors = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
            throw Failed(description: "\(executable) exited with \(status): \(errors)")
        }
        return output
    }
}
