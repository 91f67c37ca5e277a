import Synchronization

/// Why a `ReleaseWaiter` stopped waiting.
public enum ReleaseWake: Sendable, Hashable {
    /// A `released` message arrived on the waiter's channel.
    case released
    /// The subscriber reconnected; releases published meanwhile were missed, so look again.
    case resubscribed
    /// The server confirmed the channel subscription.
    case subscribed
    /// The wait's own interval passed without news (the safety re-check).
    case timer
    /// The waiting task was cancelled.
    case cancelled
}

/// One wait's registration with `ReleaseNotifications`: it parks until a release message,
/// a reconnect or its own timer. Call `end()` when the wait is over (dropping it also ends it).
public final class ReleaseWaiter: Sendable {
    public let channel: String
    /// The owner token this wait acquires with; a release naming it (`next:<token>`) wakes only it.
    public let token: String?
    let id: UInt64
    private let hub: ReleaseNotifications
    private let state = Mutex(State())

    private struct State {
        /// A wake that came while nobody was parked: the next `wait` returns it at once, so a
        /// release published between two waits is never lost.
        var pending: ReleaseWake?
        var parked: CheckedContinuation<ReleaseWake, Never>?
        /// Tells a late timer that the park it was made for is over.
        var parkID: UInt64 = 0
        var timer: Task<Void, Never>?
        var subscribed = false
        var cancelled = false
    }

    init(channel: String, token: String?, id: UInt64, hub: ReleaseNotifications) {
        self.channel = channel
        self.token = token
        self.id = id
        self.hub = hub
    }

    deinit { hub.unregister(id, channel: channel) }

    /// Whether the server has confirmed the subscription to `channel`.
    public var isSubscribed: Bool { state.withLock { $0.subscribed } }

    /// Parked in `wait(for:)` after the subscription was confirmed: a release now wakes it.
    var isListening: Bool { state.withLock { $0.parked != nil && $0.subscribed } }

    /// Waits for a release, a reconnect, cancellation, or at most `timeout`.
    public func wait(for timeout: Duration) async -> ReleaseWake {
        await park(timeout: timeout, untilSubscribed: false)
    }

    /// Waits until the subscription is confirmed (`true`), `timeout` passes, or any other wake comes.
    public func waitUntilSubscribed(timeout: Duration) async -> Bool {
        let wake = await park(timeout: timeout, untilSubscribed: true)
        return wake == .subscribed || isSubscribed
    }

    /// Removes the registration; later messages no longer reach this waiter.
    public func end() { hub.unregister(id, channel: channel) }

    /// Wakes the parked wait with `wake`, or keeps it for the next one.
    func deliver(_ wake: ReleaseWake) {
        let (continuation, timer) = state.withLock { state -> (CheckedContinuation<ReleaseWake, Never>?, Task<Void, Never>?) in
            switch wake {
            case .subscribed: state.subscribed = true
            case .cancelled: state.cancelled = true
            case .released, .resubscribed, .timer: break
            }
            guard let parked = state.parked else {
                if wake == .released || wake == .resubscribed { state.pending = Self.stronger(state.pending, wake) }
                return (nil, nil)
            }
            state.parked = nil
            defer { state.timer = nil }
            return (parked, state.timer)
        }
        timer?.cancel()
        continuation?.resume(returning: wake)
    }

    /// Marks the subscription confirmed without waking anyone (it was confirmed before this waiter came).
    func markSubscribed() { state.withLock { $0.subscribed = true } }

    private enum Parking {
        case immediate(ReleaseWake)
        case parked(UInt64)
    }

    private func park(timeout: Duration, untilSubscribed: Bool) async -> ReleaseWake {
        if Task.isCancelled { return .cancelled }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<ReleaseWake, Never>) in
                let parking = state.withLock { state -> Parking in
                    if state.cancelled { return .immediate(.cancelled) }
                    if untilSubscribed && state.subscribed { return .immediate(.subscribed) }
                    if let pending = state.pending {
                        state.pending = nil
                        return .immediate(pending)
                    }
                    state.parkID &+= 1
                    state.parked = continuation
                    return .parked(state.parkID)
                }
                switch parking {
                case .immediate(let wake):
                    continuation.resume(returning: wake)
                case .parked(let parkID):
                    startTimer(timeout, for: parkID)
                }
            }
        } onCancel: {
            deliver(.cancelled)
        }
    }

    private func startTimer(_ timeout: Duration, for parkID: UInt64) {
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            guard !Task.isCancelled else { return }
            self?.expire(parkID)
        }
        let stale = state.withLock { state in
            guard state.parked != nil, state.parkID == parkID else { return true }
            state.timer = timer
            return false
        }
        // Woken before the timer was stored: nobody will cancel it otherwise.
        if stale { timer.cancel() }
    }

    private func expire(_ parkID: UInt64) {
        let continuation = state.withLock { state -> CheckedContinuation<ReleaseWake, Never>? in
            guard state.parkID == parkID, let parked = state.parked else { return nil }
            state.parked = nil
            state.timer = nil
            return parked
        }
        continuation?.resume(returning: .timer)
    }

    /// A release is better news than a reconnect: both say "look again", one says why.
    private static func stronger(_ current: ReleaseWake?, _ new: ReleaseWake) -> ReleaseWake {
        current == .released ? .released : new
    }
}
