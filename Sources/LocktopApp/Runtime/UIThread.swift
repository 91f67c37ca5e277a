import Foundation

/// Runs blocking work on a thread of its own and awaits it.
///
/// The UI loop blocks (poll, curses reads); on Swift's cooperative pool (two threads on
/// these machines) it would starve the feed and the actions.
enum UIThread {
    /// Runs `body` on a new thread named `name`; returns (or throws) what it does.
    static func run<Value: Sendable>(name: String, _ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try body() })
            }
            thread.name = name
            thread.start()
        }
    }
}
