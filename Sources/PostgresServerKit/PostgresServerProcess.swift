import Foundation
import ServerProcessKit

/// One launched postmaster behind a watchdog shell that shuts it down when our end of its
/// stdin closes (that is, when this process exits, however it exits).
struct PostgresServerProcess: Sendable {
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

    private let process: SupervisedProcess

    /// The postmaster's own pid (the shell's child).
    var pid: Int32 { process.pid }

    /// Starts `command` behind the watchdog; `directory` is removed when the lifeline ends it.
    static func launch(_ command: [String], directory: String) throws(PostgresServerError) -> PostgresServerProcess {
        do {
            return PostgresServerProcess(process: try SupervisedProcess.launch(
                script: watchdog, arguments: [directory] + command, name: "postgres",
                isReady: { $0.contains(readyLine) }))
        } catch {
            throw .launch(error.description)
        }
    }

    /// The server's output so far (the last 32 KB or so).
    var log: String { process.log }

    /// Resumes once the server logged that it accepts connections; throws with its log if it exited first.
    func waitUntilReady() async throws(PostgresServerError) {
        guard await process.waitUntilReady() else {
            await end(with: SIGKILL)
            throw .exited(log: log)
        }
    }

    func send(_ signal: Int32) { process.send(signal) }

    /// Sends `signal` (SIGCONT first, so a paused server can act on it) and waits until the
    /// server and every backend are gone (they all hold the output pipe open).
    func end(with signal: Int32) async { await process.end(with: signal) }

    /// Ends the server and removes its folder without waiting; for `deinit`, where nothing
    /// can be awaited. The watchdog does both, so the server cannot exit before the folder is marked.
    func endNow() {
        send(SIGCONT)
        process.releaseLifeline()
    }
}
