import Dispatch
import Synchronization

/// Builds views' orders (sorts and filters of many rows) on a queue of its own, so the UI
/// thread answers every key within a frame; posts each to the inbox as `.orderBuilt`.
///
/// One at a time, newest wins: a request that a newer one has replaced before it started is
/// skipped (holding `s` through every column builds only the last).
final class OrderBuilder: Sendable {
    private let inbox: Inbox
    private let queue = DispatchQueue(label: "locktop-order", qos: .userInitiated)
    private let newest = Atomic<UInt64>(0)

    init(inbox: Inbox) {
        self.inbox = inbox
    }

    func build(_ request: OrderRequest) {
        let generation = newest.add(1, ordering: .relaxed).newValue
        queue.async { [self] in
            guard newest.load(ordering: .relaxed) == generation else { return }
            inbox.post(.orderBuilt(request.build()))
        }
    }
}
