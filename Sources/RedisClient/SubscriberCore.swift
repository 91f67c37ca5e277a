import Foundation
import Synchronization

/// The state a `Subscriber` shares with its thread, and the thread's loop.
///
/// The hiredis context lives only on the thread. Other threads talk to it through `state`
/// (a mutex) and wake it with an eventfd; it never reads with a timeout, because a read
/// timeout kills a hiredis context, so it polls the socket and the eventfd instead.
final class SubscriberCore: Sendable {
    enum Kind: Hashable, Sendable { case channel, pattern }

    private struct Subscription: Hashable { let kind: Kind; let name: [UInt8] }

    private struct Waiter {
        var remaining: Set<Subscription>
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State: ~Copyable {
        var wanted: Set<Subscription> = []
        var outgoing: [RedisCommand] = []
        var waiters: [Waiter] = []
        var connected = false
        var stopped = false
    }

    let endpoint: RedisEndpoint
    let options: RedisConnectionOptions
    private let continuation: AsyncStream<SubscriberEvent>.Continuation
    private let state = Mutex(State())
    /// Self-pipe: writing to `wakeWriter` makes `wakeReader` readable and ends a `poll`.
    private let wakeReader: Int32
    private let wakeWriter: Int32

    /// Called on the subscriber's thread for every event instead of yielding to the stream.
    private let handler: (@Sendable (SubscriberEvent) -> Void)?

    init(endpoint: RedisEndpoint, options: RedisConnectionOptions, continuation: AsyncStream<SubscriberEvent>.Continuation,
         handler: (@Sendable (SubscriberEvent) -> Void)? = nil) throws(RedisError) {
        self.handler = handler
        self.endpoint = endpoint
        self.options = options
        self.continuation = continuation
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0,
              descriptors.allSatisfy({ fcntl($0, F_SETFL, O_NONBLOCK) == 0 && fcntl($0, F_SETFD, FD_CLOEXEC) == 0 }) else {
            throw RedisError.connect(endpoint: endpoint.description, reason: "cannot create a wake-up pipe: \(String(cString: strerror(errno)))")
        }
        wakeReader = descriptors[0]
        wakeWriter = descriptors[1]
    }

    deinit {
        close(wakeReader)
        close(wakeWriter)
    }

    func request(_ kind: Kind, names: [[UInt8]], subscribe: Bool) async throws(RedisError) {
        guard !names.isEmpty else { return }
        let verb = switch (kind, subscribe) {
        case (.channel, true): "SUBSCRIBE"
        case (.pattern, true): "PSUBSCRIBE"
        case (.channel, false): "UNSUBSCRIBE"
        case (.pattern, false): "PUNSUBSCRIBE"
        }
        let command = RedisCommand(verb, arguments: names)
        let subscriptions = Set(names.map { Subscription(kind: kind, name: $0) })
        guard subscribe else {
            let stopped = state.withLock { state in
                state.wanted.subtract(subscriptions)
                if state.connected { state.outgoing.append(command) }
                return state.stopped
            }
            if !stopped { wake() }
            return
        }
        do {
            try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Void, any Error>) in
                let refusal: RedisError? = state.withLock { state in
                    if state.stopped { return RedisError.closed(endpoint: endpoint.description, command: verb) }
                    state.wanted.formUnion(subscriptions)
                    state.waiters.append(Waiter(remaining: subscriptions, continuation: waiter))
                    if state.connected { state.outgoing.append(command) }
                    return nil
                }
                if let refusal { waiter.resume(throwing: refusal) } else { wake() }
            }
        } catch let error as RedisError {
            throw error
        } catch {
            throw RedisError.closed(endpoint: endpoint.description, command: verb)
        }
    }

    func stop() {
        let waiters = state.withLock { state in
            state.stopped = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.continuation.resume(throwing: RedisError.closed(endpoint: endpoint.description, command: "SUBSCRIBE")) }
        wake()
    }

    private func emit(_ event: SubscriberEvent) {
        if let handler { handler(event) } else { continuation.yield(event) }
    }

    private func wake() {
        var one: UInt8 = 1
        _ = write(wakeWriter, &one, 1)
    }

    private func drainWake() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeReader, &buffer, buffer.count) > 0 {}
    }

    private var isStopped: Bool { state.withLock { $0.stopped } }

    // MARK: - The thread

    func run() {
        var failures = 0
        var generator = SystemRandomNumberGenerator()
        var hasConnected = false
        while !isStopped {
            let context: HiredisContext
            do {
                context = try HiredisContext.open(endpoint, options)
                // Blocking reads only after poll says readable; no read timeout on this socket.
                context.setTimeout(.zero)
            } catch {
                failures += 1
                failAllWaiters(error)
                let delay = options.reconnect.delay(afterFailures: failures, using: &generator)
                waitForWake(timeout: delay)
                continue
            }
            failures = 0
            let resubscribing = hasConnected
            hasConnected = true
            let lostWith = serve(context, announceResubscribed: resubscribing)
            state.withLock { $0.connected = false }
            if let lostWith, !isStopped {
                emit(.disconnected(lostWith))
                failures = 1
                waitForWake(timeout: options.reconnect.delay(afterFailures: failures, using: &generator))
            }
        }
        continuation.finish()
    }

    /// Runs one connection until it fails (returns the error) or the subscriber stops (nil).
    private func serve(_ context: HiredisContext, announceResubscribed: Bool) -> RedisError? {
        let wanted = state.withLock { state in
            state.connected = true
            state.outgoing.removeAll()
            return state.wanted
        }
        var pendingResubscribe = announceResubscribed ? wanted : []
        do {
            try sendInitialSubscriptions(wanted, on: context)
            if announceResubscribed && wanted.isEmpty { emit(.resubscribed) }
            while !isStopped {
                var descriptors = [
                    pollfd(fd: context.fileDescriptor, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0),
                ]
                if poll(&descriptors, 2, -1) < 0 {
                    if errno == EINTR { continue }
                    return .closed(endpoint: endpoint.description, command: "SUBSCRIBE")
                }
                if descriptors[1].revents != 0 {
                    drainWake()
                    let commands = state.withLock { state in
                        defer { state.outgoing.removeAll() }
                        return state.outgoing
                    }
                    for command in commands { try context.append(command) }
                    if !commands.isEmpty { try context.flush() }
                }
                if descriptors[0].revents != 0 {
                    try context.readAvailable()
                    while let reply = try context.bufferedReply() {
                        handle(reply, pendingResubscribe: &pendingResubscribe)
                    }
                }
            }
            return nil
        } catch {
            let reason = switch error {
            case .closed(let text), .protocolViolation(let text), .tls(let text): text
            case .timeout: "timed out"
            }
            return .closed(endpoint: endpoint.description, command: "SUBSCRIBE (\(reason))")
        }
    }

    private func sendInitialSubscriptions(_ wanted: Set<Subscription>, on context: HiredisContext) throws(HiredisFailure) {
        let channels = wanted.filter { $0.kind == .channel }.map(\.name)
        let patterns = wanted.filter { $0.kind == .pattern }.map(\.name)
        if !channels.isEmpty { try context.append(RedisCommand("SUBSCRIBE", arguments: channels)) }
        if !patterns.isEmpty { try context.append(RedisCommand("PSUBSCRIBE", arguments: patterns)) }
        if !wanted.isEmpty { try context.flush() }
    }

    private func handle(_ reply: RESPValue, pendingResubscribe: inout Set<Subscription>) {
        if case .error(let message) = reply { return refuseOldestRequest(message) }
        guard let parts = reply.array, let kind = parts.first?.string else { return }
        switch (kind, parts.count) {
        case ("message", 3):
            if let channel = parts[1].bytes, let payload = parts[2].bytes {
                emit(.message(PubSubMessage(channel: channel, pattern: nil, payload: payload)))
            }
        case ("pmessage", 4):
            if let pattern = parts[1].bytes, let channel = parts[2].bytes, let payload = parts[3].bytes {
                emit(.message(PubSubMessage(channel: channel, pattern: pattern, payload: payload)))
            }
        case ("subscribe", 3), ("psubscribe", 3):
            guard let name = parts[1].bytes else { return }
            let confirmed = Subscription(kind: kind == "subscribe" ? .channel : .pattern, name: name)
            confirm(confirmed)
            if !pendingResubscribe.isEmpty, pendingResubscribe.remove(confirmed) != nil, pendingResubscribe.isEmpty {
                emit(.resubscribed)
            }
        default:
            break
        }
    }

    private func confirm(_ subscription: Subscription) {
        let ready: [CheckedContinuation<Void, any Error>] = state.withLock { state in
            var ready: [CheckedContinuation<Void, any Error>] = []
            var waiting: [Waiter] = []
            for var waiter in state.waiters {
                waiter.remaining.remove(subscription)
                if waiter.remaining.isEmpty { ready.append(waiter.continuation) } else { waiting.append(waiter) }
            }
            state.waiters = waiting
            return ready
        }
        for continuation in ready { continuation.resume() }
    }

    /// The server refused a (P)SUBSCRIBE (an ACL without those channels, or the command): the
    /// oldest request waiting fails with that reply, and what it asked for is not asked again
    /// after a reconnect.
    private func refuseOldestRequest(_ message: String) {
        let refused: Waiter? = state.withLock { state in
            guard !state.waiters.isEmpty else { return nil }
            let waiter = state.waiters.removeFirst()
            state.wanted.subtract(waiter.remaining)
            return waiter
        }
        let verb = refused?.remaining.first?.kind == .channel ? "SUBSCRIBE" : "PSUBSCRIBE"
        refused?.continuation.resume(throwing: RedisError.server(endpoint: endpoint.description, command: verb, message: message))
    }

    private func failAllWaiters(_ error: RedisError) {
        let waiters = state.withLock { state in
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.continuation.resume(throwing: error) }
    }

    /// Sleeps up to `timeout`, waking early when `stop()` or a request signals.
    private func waitForWake(timeout: Duration) {
        var descriptor = pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0)
        _ = poll(&descriptor, 1, Int32(timeout.seconds * 1000))
        drainWake()
    }
}
