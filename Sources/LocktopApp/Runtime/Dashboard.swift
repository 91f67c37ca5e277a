import Foundation
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
    ///
    /// With `feedOptions.enableNotifications`, the server's notification setting is changed
    /// through a `NotificationGuard` and put back on the way out (said on standard error).
    public static func run(_ options: DashboardOptions) async throws {
        // The dashboard is this process's one job: tune its allocator for snapshots that come and go.
        FreedMemory.returnLargeBlocksWhenFreed()
        var options = options
        let notifications = await guardNotifications(&options)
        let session = DashboardSession(options: options)
        let mouse = options.mouse
        let ended: Result<Void, any Error>
        do {
            try await session.run {
                (terminal: try CursesTerminal(escapeDelay: 25, mouse: mouse), input: STDIN_FILENO)
            }
            ended = .success(())
        } catch {
            ended = .failure(error)
        }
        if let notifications {
            FileHandle.standardError.write(Data("locktop: \(await notifications.restore())\n".utf8))
        }
        try ended.get()
    }

    /// Changes the notification setting now (if asked) under a guard that puts it back, or
    /// finds what an earlier locktop left; the feed then only reads the setting.
    private static func guardNotifications(_ options: inout DashboardOptions) async -> NotificationGuard? {
        guard options.endpoints.count == 1, !options.endpoint.isCluster, options.replay == nil else { return nil }
        guard options.feedOptions.enableNotifications, !options.readOnly else {
            options.startupNotice = NotificationGuard.leftover(at: options.endpoint)
            return nil
        }
        // A refusal or a connection error is the feed's to report, as it does without a guard.
        guard let (made, notice) = try? await NotificationGuard.enable(on: options.endpoint) else { return nil }
        options.feedOptions.enableNotifications = false
        options.startupNotice = notice
        return made
    }
}
