import Foundation
import ServerProcessKit
import Synchronization

/// One launched postmaster behind a watchdog shell that shuts it down when our end of its
/// stdin closes (that is, when this process exits, however it exits).
final class PostgresServerProcess: Sendable {
    private static let readyLine = "database system is ready to accept connections"
    /// Runs the server (`$0` is its folder, `$@` the command); a side job ends it when stdin
    /// (our lifeline) reaches end of file: SIGQUIT first, because an immediate shutdown also
    /// ends the backends and frees shared memory, SIGKILL only if that did not work. Then the
    /// folder is removed once the server is gone, which this process may not live to see.
    /// A plain stop leaves the folder, so the server can be restarted on its data.
    private static let watchdog = """
        exec 3<&0
        dir=$0
        "$@" </dev/null 2>&1 &
        pid=$!
        echo "$pid" >&2
        { read -r _ <&3; : >"$dir/.remove-on-exit"; kill -QUIT "$pid"; sleep 5; kill -9 "$pid"; } >/dev/null 2>&1 &
        watcher=$!
        exec 3<&-
        wait "$pid"
        kill "$watcher" 2>/dev/null
        wait
        if [ -e "$dir/.remove-on-exit" ]; then rm -rf "$dir"; fi
        """

    /// The postmaster's own pid (the shell's child).
    let pid: Int32
    private let child: ChildProcess
    private let state = Mutex(State())

    private struct State: ~Copyable {
        var log = ""
        var ready = false
        var exited = false
        var lifelineOpen = true
        var readyWaiters: [CheckedContinuation<Bool, Never>] = []
        var exitWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private init(child: ChildProcess, pid: Int32) {
        self.child = child
        self.pid = pid
    }

    /// Starts `command` behind the watchdog; `directory` is removed when the lifeline ends it.
    static func launch(_ command: [String], directory: String) throws(PostgresServerError) -> PostgresServerProcess {
        let child: ChildProcess
        do { child = try ChildProcess.spawn("/bin/sh", ["-c", watchdog, directory] + command) } catch { throw .launch(error.description) }
        let pidLine = ChildProcess.readLine(child.errorReader)
        close(child.errorReader)
        guard let pid = Int32(pidLine), pid > 0 else {
            close(child.stdinWriter)
            throw .launch("the watchdog shell did not report a pid (got '\(pidLine)')")
        }
        let process = PostgresServerProcess(child: child, pid: pid)
        let logReader = Thread { process.readLog() }
        logReader.name = "postgres \(pid) log"
        logReader.start()
        return process
    }

    /// The server's output so far (the last 32 KB or so).
    var log: String { state.withLock { $0.log } }

    /// Resumes once the server logged that it accepts connections; throws with its log if it exited first.
    func waitUntilReady() async throws(PostgresServerError) {
        let ready = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let answer: Bool? = state.withLock { state in
                if state.ready { return true }
                if state.exited { return false }
                state.readyWaiters.append(continuation)
                return nil
            }
            if let answer { continuation.resume(returning: answer) }
        }
        if !ready {
            await end(with: SIGKILL)
            throw .exited(log: log)
        }
    }

    func send(_ signal: Int32) {
        if !state.withLock({ $0.exited }) { _ = Glibc.kill(pid, signal) }
    }

    /// Sends `signal` (SIGCONT first, so a paused server can act on it) and waits until the
    /// server and every backend are gone (they all hold the output pipe open).
    func end(with signal: Int32) async {
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

    /// Ends the server and removes its folder without waiting; for `deinit`, where nothing
    /// can be awaited. The watchdog does both, so the server cannot exit before the folder is marked.
    func endNow() {
        send(SIGCONT)
        releaseLifeline()
    }

    private func releaseLifeline() {
        let open = state.withLock { state in defer { state.lifelineOpen = false }; return state.lifelineOpen }
        if open { close(child.stdinWriter) }
    }

    /// The log thread: collects output, spots readiness, and on end of output reaps the shell.
    private func readLog() {
        child.readOutput { text in
            let waiters: [CheckedContinuation<Bool, Never>] = state.withLock { state in
                state.log += text
                if state.log.utf8.count > 64_000 { state.log = String(state.log.suffix(32_000)) }
                guard !state.ready, state.log.contains(Self.readyLine) else { return [] }
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
