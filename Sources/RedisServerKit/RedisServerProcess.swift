import Foundation
import ServerProcessKit

/// One launched `redis-server` behind a watchdog shell that kills it when our end of its
/// stdin closes (that is, when this process exits, however it exits).
struct RedisServerProcess: Sendable {
    /// 7.0 logs "Ready to accept connections" for TCP and "...ready to accept connections at <path>" for sockets.
    private static let readyLine = "ready to accept connections"
    /// Runs the server (`$1`, arguments after it); a side job kills it when stdin (our
    /// lifeline) reaches end of file. The shell exits when the server does, after stopping
    /// the side job. When it was the lifeline that ended the server (we died, or dropped the
    /// server without stopping it), the shell also removes the server's folder (`$0`): a
    /// killed server leaves its socket file behind, and nobody else will clean up. The side
    /// job marks that case in the folder before it kills, so the shell cannot miss it.
    private static let watchdog = """
        folder="$0"
        binary="$1"
        shift
        exec 3<&0
        "$binary" "$@" </dev/null 2>&1 &
        pid=$!
        echo "$pid" >&2
        # We close our end of stderr once we have the pid: a later message (dash reports a
        # killed job) would end this shell with SIGPIPE.
        exec 2>/dev/null
        { read -r _ <&3; : >"$folder/.lifeline-closed"; kill -9 "$pid"; } >/dev/null 2>&1 &
        watcher=$!
        exec 3<&-
        wait "$pid"
        kill "$watcher"
        wait
        if [ -e "$folder/.lifeline-closed" ]; then rm -rf "$folder"; fi
        """

    private let process: SupervisedProcess

    /// The redis-server's own pid (the shell's child).
    var pid: Int32 { process.pid }

    /// Starts the server binary with `arguments`; `folder` is removed if we die without stopping it.
    /// It is ready once its log contains `readyLine` (any case).
    static func launch(arguments: [String], folder: String, readyLine: String = readyLine,
                       kind: ServerKind = .redis) throws(RedisServerError) -> RedisServerProcess {
        guard let binary = kind.binary else { throw .missing(kind) }
        do {
            return RedisServerProcess(process: try SupervisedProcess.launch(
                script: watchdog, arguments: [folder, binary] + arguments, name: "\(kind)-server",
                isReady: { $0.lowercased().contains(readyLine.lowercased()) }))
        } catch {
            throw .launch(error.description)
        }
    }

    /// Resumes once the server printed its ready line; throws with its log if it exited first.
    func waitUntilReady() async throws(RedisServerError) {
        guard await process.waitUntilReady() else {
            await kill()
            throw .exited(log: process.log)
        }
    }

    func send(_ signal: Int32) { process.send(signal) }

    /// Sends `signal` (SIGCONT first, so a paused server can act on it) and waits for the exit.
    func end(with signal: Int32) async { await process.end(with: signal) }

    /// SIGKILL and wait until gone.
    func kill() async { await end(with: SIGKILL) }

    /// Kills without waiting; for `deinit`, where nothing can be awaited.
    func killNow() {
        send(SIGKILL)
        process.releaseLifeline()
    }
}
