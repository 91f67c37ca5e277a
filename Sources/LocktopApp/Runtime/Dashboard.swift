import TerminalUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The interactive dashboard on the process's terminal.
public enum Dashboard {
    /// Opens the dashboard for `options` on standard input and output and returns when the user quits.
    ///
    /// Throws `TerminalError` when standard input or output is not a usable terminal. The
    /// terminal is restored on every exit path; SIGINT and SIGTERM restore it too (CursesTerminal).
    public static func run(_ options: DashboardOptions) async throws {
        // The dashboard is this process's one job: tune its allocator for snapshots that come and go.
        FreedMemory.returnLargeBlocksWhenFreed()
        let session = DashboardSession(options: options)
        try await session.run {
            (terminal: try CursesTerminal(escapeDelay: 25), input: STDIN_FILENO)
        }
    }
}
