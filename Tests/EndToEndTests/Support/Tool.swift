import Foundation
import ServerProcessKit

/// Runs command-line tools (tmux) to completion with a clean signal mask.
///
/// Foundation's `Process` would pass on the Swift thread's blocked signals, and the tmux
/// server (and locktop inside it) would inherit them: no SIGWINCH, no SIGINT.
enum Tool {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The absolute path of `name` on PATH.
    static func path(of name: String) throws -> String {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in directories + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Failure(description: "\(name) is not installed (make test installs it)")
    }

    /// `run` on a thread of its own: the caller's task waits without blocking a thread of
    /// Swift's cooperative pool (two threads here, shared by every test running in parallel).
    static func runOffPool(_ executable: String, _ arguments: [String]) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try run(executable, arguments) }) }.start()
        }
    }

    /// Runs `executable` with `arguments` and waits for it; throws when it cannot be started.
    static func run(_ executable: String, _ arguments: [String]) throws -> Output {
        let child = try ChildProcess.spawn(executable, arguments)
        close(child.stdinWriter)
        var output = ""
        child.readOutput { output += $0 }
        var error = ""
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(child.errorReader, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            error += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        close(child.errorReader)
        return Output(status: child.waitForExit(), standardOutput: output, standardError: error)
    }
}
