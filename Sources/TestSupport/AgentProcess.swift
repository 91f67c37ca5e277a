import Foundation
import ServerProcessKit
import Synchronization

/// A running `lockkit-agent` child process: the test reads its stdout line by line and
/// kills it (SIGKILL) at a known point, to test crash recovery against a process that really dies.
///
/// Usage: `let agent = try AgentProcess.start(["saga-order", "--url", url, ...])`,
/// `try await agent.readLine(startingWith: "paused-after")`, `await agent.kill()`.
/// The agent exits by itself when this test process dies (its stdin is a lifeline).
public final class AgentProcess: Sendable {
    public let pid: pid_t
    let arguments: [String]
    private let lifeline: Int32
    private let state = Mutex(State())

    private struct State: ~Copyable {
        var lines: [String] = []
        var partial: [UInt8] = []
        var stdoutClosed = false
        var stderr = ""
        var lineWaiters: [CheckedContinuation<Void, Never>] = []
        var exitStatus: Int32?
        var exitWaiters: [CheckedContinuation<Int32, Never>] = []
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private init(pid: pid_t, arguments: [String], lifeline: Int32) {
        self.pid = pid
        self.arguments = arguments
        self.lifeline = lifeline
    }

    deinit {
        if state.withLock({ $0.exitStatus == nil }) { Glibc.kill(pid, SIGKILL) }
        close(lifeline)
    }

    /// The built `lockkit-agent`: `$LOCKKIT_AGENT`, else next to the running test executable.
    public static func executablePath() throws -> String {
        if let path = ProcessInfo.processInfo.environment["LOCKKIT_AGENT"], !path.isEmpty { return path }
        let candidates = [URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(), Bundle.main.executableURL]
            .compactMap { $0?.deletingLastPathComponent() }
            .flatMap { [$0, $0.deletingLastPathComponent()] }
            .map { $0.appendingPathComponent("lockkit-agent").path }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "lockkit-agent not found (looked at \(candidates)); build it with `swift build --build-tests` or set LOCKKIT_AGENT")
        }
        return found
    }

    /// Spawns the agent with `arguments` (the subcommand first).
    public static func start(_ arguments: [String]) throws -> AgentProcess {
        let executable = try executablePath()
        // ChildProcess spawns with a clean signal mask: Swift's threads block signals.
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(executable, arguments, environment: ["LOCKKIT_AGENT_LIFELINE": "stdin"])
        } catch {
            throw Failure(description: error.description)
        }
        let (pid, stdinWriter, stdoutReader, stderrReader) = (child.pid, child.stdinWriter, child.outputReader, child.errorReader)
        let agent = AgentProcess(pid: pid, arguments: arguments, lifeline: stdinWriter)
        // Blocking reads and waitpid get threads of their own, off the cooperative pool.
        Thread { agent.pump(stdoutReader, isStdout: true) }.start()
        Thread { agent.pump(stderrReader, isStdout: false) }.start()
        Thread { agent.reap() }.start()
        return agent
    }

    /// The next stdout line; `nil` once stdout is closed (the agent exited).
    public func nextLine() async -> String? {
        while true {
            let (line, closed): (String?, Bool) = state.withLock { state in
                if !state.lines.isEmpty { return (state.lines.removeFirst(), false) }
                return (nil, state.stdoutClosed)
            }
            if let line { return line }
            if closed { return nil }
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state in
                    if !state.lines.isEmpty || state.stdoutClosed { return true }
                    state.lineWaiters.append(continuation)
                    return false
                }
                if ready { continuation.resume() }
            }
        }
    }

    /// Reads stdout until a line satisfies `predicate` and returns it; throws (with the
    /// agent's stderr) if the agent exits first.
    public func readLine(until predicate: (String) -> Bool) async throws -> String {
        var seen: [String] = []
        while let line = await nextLine() {
            if predicate(line) { return line }
            seen.append(line)
        }
        let status = await waitForExit()
        throw Failure(description: "lockkit-agent \(arguments.joined(separator: " ")) exited (status \(status)) before the expected line; stdout: \(seen), stderr: \(standardError)")
    }

    /// Reads stdout until a line starting with `prefix`.
    public func readLine(startingWith prefix: String) async throws -> String {
        try await readLine { $0.hasPrefix(prefix) }
    }

    /// What the agent wrote to stderr so far.
    public var standardError: String { state.withLock { $0.stderr } }

    /// SIGKILL (a crash: no cleanup runs in the agent), then waits until it is reaped.
    @discardableResult
    public func kill() async -> Int32 {
        Glibc.kill(pid, SIGKILL)
        return await waitForExit()
    }

    /// SIGSTOP: the agent keeps its connections open but runs nothing (a descheduled process).
    public func pause() { Glibc.kill(pid, SIGSTOP) }

    /// SIGCONT after `pause()`.
    public func resume() { Glibc.kill(pid, SIGCONT) }

    /// Waits until the agent has exited and been reaped; its raw wait status.
    public func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status: Int32? = state.withLock { state in
                if let status = state.exitStatus { return status }
                state.exitWaiters.append(continuation)
                return nil
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    private func pump(_ descriptor: Int32, isStdout: Bool) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            let chunk = Array(buffer[0..<count])
            if isStdout {
                wake(state.withLock { state in
                    state.partial.append(contentsOf: chunk)
                    while let newline = state.partial.firstIndex(of: UInt8(ascii: "\n")) {
                        state.lines.append(String(decoding: state.partial[..<newline], as: UTF8.self))
                        state.partial.removeSubrange(...newline)
                    }
                    return takeLineWaiters(&state)
                })
            } else {
                state.withLock { $0.stderr += String(decoding: chunk, as: UTF8.self) }
            }
        }
        close(descriptor)
        if isStdout {
            wake(state.withLock { state in
                state.stdoutClosed = true
                return takeLineWaiters(&state)
            })
        }
    }

    private func takeLineWaiters(_ state: inout State) -> [CheckedContinuation<Void, Never>] {
        defer { state.lineWaiters = [] }
        return state.lineWaiters
    }

    private func wake(_ waiters: [CheckedContinuation<Void, Never>]) {
        waiters.forEach { $0.resume() }
    }

    private func reap() {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let waiters = state.withLock { state in
            state.exitStatus = status
            defer { state.exitWaiters = [] }
            return state.exitWaiters
        }
        waiters.forEach { $0.resume(returning: status) }
    }
}
