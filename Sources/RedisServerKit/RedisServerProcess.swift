import Foundation
import ServerProcessKit
import Synchronization

/// One launched `redis-server` behind a watchdog shell that kills it when our end of its
/// stdin closes (that is, when this process exits, however it exits).
final class RedisServerProcess: Sendable {
    /// 7.0 logs "Ready to accept connections" for TCP and "...ready to accept connections at <path>" for sockets.
    private static let readyLine = "ready to accept connections"
    /// Runs the server; a side job kills it when stdin (our lifeline) reaches end of file.
    /// The shell exits when the server does, after stopping the side job.
    private static let watchdog = """
        exec 3<&0
        "$0" "$@" </dev/null 2>&1 &
        pid=$!
        echo "$pid" >&2
        { read -r _ <&3; kill -9 "$pid"; } >/dev/null 2>&1 &
        watcher=$!
        exec 3<&-
        wait "$pid"
        kill "$watcher" 2>/dev/null
        wait
        """

    /// The redis-server's own pid (the shell's child).
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

    static func launch(arguments: [String]) throws(RedisServerError) -> RedisServerProcess {
        guard let binary = findRedisServer() else { throw .launch("redis-server is not on PATH") }
        let child: ChildProcess
        do { child = try ChildProcess.spawn("/bin/sh", ["-c", watchdog, binary] + arguments) } catch { throw .launch(error.description) }
        let pidLine = ChildProcess.readLine(child.errorReader)
        close(child.errorReader)
        guard let pid = Int32(pidLine), pid > 0 else {
            close(child.stdinWriter)
            throw .launch("the watchdog shell did not report a pid (got '\(pidLine)')")
        }
        let process = RedisServerProcess(child: child, pid: pid)
        let logReader = Thread { process.readLog() }
        logReader.name = "redis-server \(pid) log"
        logReader.start()
        return process
    }

    /// Resumes once the server printed its ready line; throws with its log if it exited first.
    func waitUntilReady() async throws(RedisServerError) {
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
            await kill()
            throw .exited(log: state.withLock { $0.log })
        }
    }

    func send(_ signal: Int32) {
        if !state.withLock({ $0.exited }) { _ = Glibc.kill(pid, signal) }
    }

    /// Sends `signal` (SIGCONT first, so a paused server can act on it) and waits for the exit.
    func end(with signal: Int32) async {
        send(SIGCONT)
        send(signal)
        await waitUntilExited()
    }

    /// SIGKILL and wait until gone.
    func kill() async { await end(with: SIGKILL) }

    /// Kills without waiting; for `deinit`, where nothing can be awaited.
    func killNow() {
        send(SIGKILL)
        releaseLifeline()
    }

    private func waitUntilExited() async {
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

    private func releaseLifeline() {
        let open = state.withLock { state in defer { state.lifelineOpen = false }; return state.lifelineOpen }
        if open { close(child.stdinWriter) }
    }

    /// The log thread: collects output, spots readiness, and on end of output reaps the shell.
    private func readLog() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(child.outputReader, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            let text = String(decoding: buffer[0..<count], as: UTF8.self)
            let waiters: [CheckedContinuation<Bool, Never>] = state.withLock { state in
                state.log += text
                if state.log.utf8.count > 64_000 { state.log = String(state.log.suffix(32_000)) }
                guard !state.ready, state.log.lowercased().contains(Self.readyLine) else { return [] }
                state.ready = true
                defer { state.readyWaiters.removeAll() }
                return state.readyWaiters
            }
            for waiter in waiters { waiter.resume(returning: true) }
        }
        close(child.outputReader)
        child.waitForExit()
        let (readyWaiters, exitWaiters) = state.withLock { state in
            state.exited = true
            defer { state.readyWaiters.removeAll(); state.exitWaiters.removeAll() }
            return (state.readyWaiters, state.exitWaiters)
        }
        for waiter in readyWaiters { waiter.resume(returning: false) }
        for waiter in exitWaiters { waiter.resume() }
    }

    private static func findRedisServer() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let candidates = path.split(separator: ":").map { "\($0)/redis-server" } + ["/usr/bin/redis-server", "/usr/local/bin/redis-server"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
