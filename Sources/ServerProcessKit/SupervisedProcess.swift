import Foundation
import Synchronization

/// A server started behind a watchdog shell script, with its output collected and its
/// readiness and exit observable without blocking Swift's cooperative pool.
///
/// The script gets its own stdin as a lifeline: it must end the server when that reaches end
/// of file (our process exited, however it exited), print the server's pid on stderr first,
/// and send the server's output to stdout. The log thread reaps the shell when output ends.
public final class SupervisedProcess: Sendable {
    /// The server's own pid (the shell's child).
    public let pid: Int32
    private let child: ChildProcess
    private let isReady: @Sendable (String) -> Bool
    private let state = Mutex(State())

    private struct State: ~Copyable {
        var log = ""
        var ready = false
        var exited = false
        var lifelineOpen = true
        var readyWaiters: [CheckedContinuation<Bool, Never>] = []
        var exitWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private init(child: ChildProcess, pid: Int32, isReady: @escaping @Sendable (String) -> Bool) {
        self.child = child
        self.pid = pid
        self.isReady = isReady
    }

    /// Runs `/bin/sh -c script` with `arguments` (`$0`, `$@`); `isReady` is asked about the log so far.
    public static func launch(
        script: String, arguments: [String], name: String, isReady: @escaping @Sendable (String) -> Bool
    ) throws(ChildProcessError) -> SupervisedProcess {
        let child = try ChildProcess.spawn("/bin/sh", ["-c", script] + arguments, ownProcessGroup: true)
        let pidLine = ChildProcess.readLine(child.errorReader)
        close(child.errorReader)
        guard let pid = Int32(pidLine), pid > 0 else {
            close(child.stdinWriter)
            throw ChildProcessError("the watchdog shell did not report a pid (got '\(pidLine)')")
        }
        let process = SupervisedProcess(child: child, pid: pid, isReady: isReady)
        let logReader = Thread { process.readLog() }
        logReader.name = "\(name) \(pid) log"
        logReader.start()
        return process
    }

    /// The server's output so far (the last 32 KB or so).
    public var log: String { state.withLock { $0.log } }

    /// `true` once the log shows readiness; `false` if the server exited first.
    public func waitUntilReady() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let answer: Bool? = state.withLock { state in
                if state.ready { return true }
                if state.exited { return false }
                state.readyWaiters.append(continuation)
                return nil
            }
            if let answer { continuation.resume(returning: answer) }
        }
    }

    /// Signals the server unless it has exited (its pid may be someone else's by then).
    public func send(_ signal: Int32) {
        if !state.withLock({ $0.exited }) { _ = Glibc.kill(pid, signal) }
    }

    /// Sends `signal` (SIGCONT first, so a paused server can act on it) and waits until the
    /// output ends, that is until the server and everything holding its pipe are gone.
    public func end(with signal: Int32) async {
        send(SIGCONT)
        send(signal)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done: Bool = state.withLock { state in
                if state.exited { return true }
                state.exitWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
        releaseLifeline()
    }

    /// Closes our end of the lifeline: the watchdog then ends the server. Idempotent.
    public func releaseLifeline() {
        let open = state.withLock { state in defer { state.lifelineOpen = false }; return state.lifelineOpen }
        if open { close(child.stdinWriter) }
    }

    /// The log thread: collects output, spots readiness, and on end of output reaps the shell.
    private func readLog() {
        child.readOutput { text in
            let waiters: [CheckedContinuation<Bool, Never>] = state.withLock { state in
                state.log += text
                if state.log.utf8.count > 64_000 { state.log = String(state.log.suffix(32_000)) }
                guard !state.ready, isReady(state.log) else { return [] }
                state.ready = true
                defer { state.readyWaiters.removeAll() }
                return state.readyWaiters
            }
            for waiter in waiters { waiter.resume(returning: true) }
        }
        child.waitForExit()
        let (readyWaiters, exitWaiters) = state.withLock { state in
            state.exited = true
            defer { state.readyWaiters.removeAll(); state.exitWaiters.removeAll() }
            return (state.readyWaiters, state.exitWaiters)
        }
        for waiter in readyWaiters { waiter.resume(returning: false) }
        for waiter in exitWaiters { waiter.resume() }
    }
}
