import RedisClient
import Synchronization

/// What one server said to one Redlock step.
enum InstanceReply: Sendable, Equatable {
    /// It did what was asked; the payload is the step's number (1, or the new TTL in ms).
    case confirmed(Int)
    /// It answered no: another owner holds the key, or the token no longer matches.
    case refused
    /// It failed (killed, refused the connection, error reply) or missed the deadline.
    case unreachable

    var confirmedValue: Int? {
        if case .confirmed(let value) = self { return value }
        return nil
    }
}

extension [InstanceReply] {
    var confirmedCount: Int { count { $0.confirmedValue != nil } }
    var unreachableCount: Int { count { $0 == .unreachable } }
}

/// Collects one reply per server and answers once all are in or the deadline has passed,
/// whichever comes first. Replies arriving after that are dropped.
final class ReplyCollector: Sendable {
    private struct State {
        var replies: [InstanceReply]
        var pending: Int
        var result: [InstanceReply]?
        var waiter: CheckedContinuation<[InstanceReply], Never>?
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(replies: Array(repeating: .unreachable, count: count), pending: count))
    }

    func record(_ reply: InstanceReply, at index: Int) {
        let decided = state.withLock { state -> (CheckedContinuation<[InstanceReply], Never>?, [InstanceReply])? in
            guard state.result == nil else { return nil }
            state.replies[index] = reply
            state.pending -= 1
            return state.pending == 0 ? Self.decide(&state) : nil
        }
        if let (waiter, replies) = decided { waiter?.resume(returning: replies) }
    }

    /// Stops waiting: whoever has not answered yet counts as unreachable.
    func closeNow() {
        let decided = state.withLock { state in state.result == nil ? Self.decide(&state) : nil }
        if let (waiter, replies) = decided { waiter?.resume(returning: replies) }
    }

    func wait() async -> [InstanceReply] {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> [InstanceReply]? in
                if let result = state.result { return result }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    private static func decide(_ state: inout State) -> (CheckedContinuation<[InstanceReply], Never>?, [InstanceReply]) {
        state.result = state.replies
        defer { state.waiter = nil }
        return (state.waiter, state.replies)
    }
}

extension Redlock {
    /// Runs `call` on every server at once and returns what each said within `perInstanceTimeout`.
    ///
    /// Each call runs in an unstructured task on its connection's own thread, not in a task
    /// group: a group cannot return before every child has finished, and a call to a paused
    /// server only returns at the connection's `commandTimeout`. Such a call is left to finish
    /// in the background; it blocks only its connection's thread, and its reply is dropped.
    /// Because that thread runs its jobs in order, a release sent after a stalled SET runs
    /// after it, so a SET that lands late is still undone (and it expires with its TTL anyway).
    /// Commands to a server that stays stalled queue up there, so give Redlock connections
    /// a short `commandTimeout` and few reconnect attempts per command.
    func fanOut(_ call: @escaping @Sendable (RedisConnection) async throws(RedisError) -> Int?) async -> [InstanceReply] {
        let collector = ReplyCollector(count: connections.count)
        for (index, connection) in connections.enumerated() {
            // Starting on the connection's executor enqueues the call in creation order (see above).
            Task(executorPreference: connection.executor) {
                let reply: InstanceReply
                do {
                    reply = try await call(connection).map(InstanceReply.confirmed) ?? .refused
                } catch {
                    reply = .unreachable
                }
                collector.record(reply, at: index)
            }
        }
        let timeout = perInstanceTimeout
        let deadline = Task {
            do { try await Task.sleep(for: timeout) } catch { return }
            collector.closeNow()
        }
        let replies = await withTaskCancellationHandler {
            await collector.wait()
        } onCancel: {
            collector.closeNow()
        }
        deadline.cancel()
        return replies
    }
}
