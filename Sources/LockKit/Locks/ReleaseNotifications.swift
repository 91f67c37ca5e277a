import RedisClient
import Synchronization

/// One subscriber per endpoint that hands release messages to the waiters of a channel.
///
/// A plain `released` wakes ONE waiter of this process, the longest waiting one that is
/// parked, instead of all of them: only one can win the lock, and waking the rest costs an
/// attempt each (a thundering herd) for nothing. `next:<token>` (a priority queue naming its
/// new head) wakes only the waiter acquiring with that token. Whoever is not woken keeps its
/// safety timer, so a wake that goes astray costs at most one interval. `released:all` (a
/// read-write lock's writer left) wakes every waiter of the channel, as all readers may go.
///
/// The guide added a `message` listener per wait on a shared connection and never removed it.
/// Here a wait registers a `ReleaseWaiter`, the first waiter of a channel subscribes to it
/// (and waits for the server's confirmation), the last one to leave unsubscribes, and a wait
/// that ends for any reason (acquired, timeout, cancellation, error) removes its registration.
/// After a reconnect every waiter is woken, because releases may have been missed meanwhile.
public final class ReleaseNotifications: Sendable {
    public let endpoint: RedisEndpoint
    private let subscriber: Subscriber
    private let state = Mutex(HubState())

    /// Waiters are held weakly so that a dropped `ReleaseWaiter` cannot linger here.
    private struct WeakWaiter {
        weak var waiter: ReleaseWaiter?
    }

    private struct Channel {
        var waiters: [UInt64: WeakWaiter] = [:]
        /// The SUBSCRIBE sent for the current waiters; nil before one is sent or after it failed.
        var subscription: UInt64?
        var confirmed = false
    }

    private struct HubState {
        var channels: [String: Channel] = [:]
        /// The last SUBSCRIBE or UNSUBSCRIBE per channel; the next one waits for it, so they
        /// reach the server in the order they were decided.
        var operations: [String: (id: UInt64, task: Task<Void, Never>)] = [:]
        var nextID: UInt64 = 0
    }

    /// A private hub with its own subscriber connection; most callers want `shared(for:)`.
    public init(endpoint: RedisEndpoint, options: RedisConnectionOptions = RedisConnectionOptions()) throws(LockError) {
        self.endpoint = endpoint
        // Events are handled on the subscriber's own thread: a release wakes its waiter with no
        // hop through the cooperative pool. The relay holds the hub weakly, so it can go away.
        let relay = Relay()
        do {
            subscriber = try Subscriber(endpoint: endpoint, options: options) { event in relay.hub?.handle(event) }
        } catch { throw .redis(error) }
        relay.hub = self
    }

    /// Points the subscriber's handler at the hub once the hub exists.
    private final class Relay: Sendable {
        private let target = Mutex<WeakHub>(WeakHub())
        var hub: ReleaseNotifications? {
            get { target.withLock { $0.hub } }
            set { target.withLock { $0.hub = newValue } }
        }
    }

    deinit { subscriber.stop() }

    /// Stops the subscriber; waiters still registered fall back to their safety timers.
    public func stop() { subscriber.stop() }

    // MARK: - One hub per process and endpoint

    private struct WeakHub {
        weak var hub: ReleaseNotifications?
    }

    private static let sharedHubs = Mutex<[RedisEndpoint: WeakHub]>([:])

    /// The process's hub for `endpoint`, created on first use and kept while anyone holds it.
    public static func shared(for endpoint: RedisEndpoint,
                              options: RedisConnectionOptions = RedisConnectionOptions()) throws(LockError) -> ReleaseNotifications {
        try sharedHubs.withLock { hubs throws(LockError) -> ReleaseNotifications in
            if let hub = hubs[endpoint]?.hub { return hub }
            let hub = try ReleaseNotifications(endpoint: endpoint, options: options)
            hubs = hubs.filter { $0.value.hub != nil }
            hubs[endpoint] = WeakHub(hub: hub)
            return hub
        }
    }

    // MARK: - Registration

    /// Registers a waiter on `channel`, subscribing to it if it is the channel's first waiter;
    /// `token` is the owner token it acquires with, for releases that name the next owner.
    public func register(channel: String, token: String? = nil) -> ReleaseWaiter {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        let waiter = ReleaseWaiter(channel: channel, token: token, id: id, hub: self)
        let confirmed = state.withLock { state in
            var entry = state.channels[channel] ?? Channel()
            entry.waiters[id] = WeakWaiter(waiter: waiter)
            if entry.subscription == nil {
                entry.subscription = enqueue(&state, channel: channel, subscribe: true)
            }
            state.channels[channel] = entry
            return entry.confirmed
        }
        if confirmed { waiter.markSubscribed() }
        return waiter
    }

    func unregister(_ id: UInt64, channel: String) {
        state.withLock { state in
            guard var entry = state.channels[channel], entry.waiters.removeValue(forKey: id) != nil else { return }
            if entry.waiters.isEmpty {
                state.channels[channel] = nil
                _ = enqueue(&state, channel: channel, subscribe: false)
            } else {
                state.channels[channel] = entry
            }
        }
    }

    /// Whether a waiter of this process listens on `channel` now, its subscription confirmed.
    public func isSubscribed(to channel: String) -> Bool {
        state.withLock { $0.channels[channel]?.confirmed ?? false }
    }

    /// Waiters registered now, over all channels (0 once every wait has ended).
    public var registeredWaiters: Int {
        state.withLock { $0.channels.values.reduce(0) { $0 + $1.waiters.count } }
    }

    /// Channels that have at least one waiter.
    public var activeChannels: Int { state.withLock { $0.channels.count } }

    /// Waiters of `channel` parked after their subscription was confirmed: a release now wakes them.
    public func listeningWaiters(on channel: String) -> Int {
        waiters(of: channel).filter(\.isListening).count
    }

    // MARK: - Subscriber events

    fileprivate func handle(_ event: SubscriberEvent) {
        switch event {
        case .message(let message):
            let payload = message.payloadText
            let candidates = waiters(of: message.channelName).sorted { $0.id < $1.id }
            if payload == "released" {
                (candidates.first(where: \.isListening) ?? candidates.first)?.deliver(.released)
            } else if payload == "released:all" {
                for waiter in candidates { waiter.deliver(.released) }
            } else if payload.hasPrefix("next:") {
                let token = payload.dropFirst("next:".count)
                candidates.first { $0.token.map { $0 == token } ?? false }?.deliver(.released)
            }
        case .resubscribed:
            let everyone = state.withLock { state in
                state.channels.values.flatMap { $0.waiters.values.compactMap(\.waiter) }
            }
            for waiter in everyone { waiter.deliver(.resubscribed) }
        case .disconnected:
            // Nothing to do until `.resubscribed`; the safety timers cover the gap.
            break
        }
    }

    /// Strong references are taken inside the lock but dropped outside it: a waiter's deinit
    /// unregisters, which takes the lock again.
    private func waiters(of channel: String) -> [ReleaseWaiter] {
        state.withLock { state in
            state.channels[channel]?.waiters.values.compactMap(\.waiter) ?? []
        }
    }

    // MARK: - Subscribing in order

    private func enqueue(_ state: inout HubState, channel: String, subscribe: Bool) -> UInt64 {
        state.nextID += 1
        let id = state.nextID
        let previous = state.operations[channel]?.task
        let subscriber = self.subscriber
        let task = Task { [weak self] in
            await previous?.value
            if subscribe {
                do {
                    try await subscriber.subscribe([channel])
                    self?.subscriptionSettled(channel, id: id, confirmed: true)
                } catch {
                    self?.subscriptionSettled(channel, id: id, confirmed: false)
                }
            } else {
                try? await subscriber.unsubscribe([channel])
            }
            self?.operationFinished(channel, id: id)
        }
        state.operations[channel] = (id, task)
        return id
    }

    private func subscriptionSettled(_ channel: String, id: UInt64, confirmed: Bool) {
        let waiting = state.withLock { state -> [ReleaseWaiter] in
            guard var entry = state.channels[channel], entry.subscription == id else { return [] }
            if confirmed {
                entry.confirmed = true
            } else {
                // The next waiter of this channel tries again; these ones poll on their timers.
                entry.subscription = nil
            }
            state.channels[channel] = entry
            return confirmed ? entry.waiters.values.compactMap(\.waiter) : []
        }
        for waiter in waiting { waiter.deliver(.subscribed) }
    }

    private func operationFinished(_ channel: String, id: UInt64) {
        state.withLock { state in
            if state.operations[channel]?.id == id { state.operations[channel] = nil }
        }
    }
}
