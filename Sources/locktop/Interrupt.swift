import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT) into a call to `handler` while armed, instead of killing the process,
/// so a running simulation can stop its clients and delete its keys first.
final class Interrupt: @unchecked Sendable {
    // @unchecked: `source` is set once in init and only cancelled afterwards; DispatchSource is thread-safe.
    private let source: any DispatchSourceSignal

    init(_ handler: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler(handler: handler)
        source.resume()
    }

    /// Gives Ctrl-C back its default meaning.
    func disarm() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
