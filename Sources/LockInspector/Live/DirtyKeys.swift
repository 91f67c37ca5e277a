import Synchronization

/// Keys touched since the last refresh, with their latest event; the feed loop waits on it.
final class DirtyKeys: Sendable {
    struct Batch {
        var keys: [[UInt8]]
        /// Each key's events since the last batch, oldest first.
        var events: [[UInt8]: [String]]
        var rescan: Bool
    }

    private struct State: ~Copyable {
        var events: [[UInt8]: [String]] = [:]
        var rescan = false
        var closed = false
        var waiter: CheckedContinuation<Void, Never>?

        /// Removes and returns the waiting continuation, if any.
        mutating func take() -> CheckedContinuation<Void, Never>? {
            defer { waiter = nil }
            return waiter
        }
    }

    private let state = Mutex(State())

    func add(_ key: [UInt8], event: String) {
        let waiter = state.withLock { state in
            // A burst on one key keeps its last few events; that is all the classification needs.
            var events = state.events[key] ?? []
            if events.count >= 8 { events.removeFirst() }
            events.append(event)
            state.events[key] = events
            return state.take()
        }
        waiter?.resume()
    }

    func requestRescan() {
        let waiter = state.withLock { state in
            state.rescan = true
            return state.take()
        }
        waiter?.resume()
    }

    func close() {
        let waiter = state.withLock { state in
            state.closed = true
            return state.take()
        }
        waiter?.resume()
    }

    /// The keys touched so far, waiting up to `timeout` for the first one.
    func next(timeout: Duration) async -> Batch {
        if let batch = takeBatch(ifAny: true) { return batch }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.wakeWaiter()
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { state -> Bool in
                if !state.events.isEmpty || state.rescan || state.closed { return true }
                state.waiter = continuation
                return false
            }
            if ready { continuation.resume() }
        }
        timer.cancel()
        return takeBatch(ifAny: false) ?? Batch(keys: [], events: [:], rescan: false)
    }

    private func wakeWaiter() {
        state.withLock { $0.take() }?.resume()
    }

    private func takeBatch(ifAny: Bool) -> Batch? {
        state.withLock { state in
            if ifAny && state.events.isEmpty && !state.rescan { return nil }
            defer {
                state.events.removeAll()
                state.rescan = false
            }
            return Batch(keys: Array(state.events.keys), events: state.events, rescan: state.rescan || state.closed)
        }
    }
}
