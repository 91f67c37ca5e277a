/// Where a replay starts.
public enum ReplayStart: Sendable, Hashable {
    /// From the first event.
    case beginning
    /// From this id, including it.
    case from(EventID)
    /// From the first event after this id (e.g. after a checkpoint).
    case after(EventID)

    /// The XRANGE start argument (`(` makes it exclusive, Redis 6.2+).
    var rangeStart: String {
        switch self {
        case .beginning: "-"
        case .from(let id): id.description
        case .after(let id): "(" + id.description
        }
    }
}

/// The events of an `EventLog` from a start id on, in order, fetched one XRANGE page at a time.
public struct EventReplay: AsyncSequence, Sendable {
    public typealias Element = EventRecord
    public typealias Failure = TransactionError

    let log: EventLog
    let start: ReplayStart
    let pageSize: Int

    /// An iterator that starts at `start` and fetches `pageSize` events per round trip.
    public func makeAsyncIterator() -> Iterator {
        Iterator(log: log, next: start, pageSize: pageSize)
    }

    /// Reads the next page when the current one is used up.
    public struct Iterator: AsyncIteratorProtocol, Sendable {
        public typealias Element = EventRecord
        public typealias Failure = TransactionError

        let log: EventLog
        /// Where the next page starts; `nil` once a short page showed the end.
        var next: ReplayStart?
        let pageSize: Int
        var buffer: [EventRecord] = []
        var index = 0

        /// The next event; `nil` after the last.
        public mutating func next() async throws(TransactionError) -> EventRecord? {
            if index == buffer.count {
                guard let start = next else { return nil }
                buffer = try await log.page(from: start, count: pageSize)
                index = 0
                next = buffer.count < pageSize ? nil : buffer.last.map { .after($0.id) }
                if buffer.isEmpty { return nil }
            }
            defer { index += 1 }
            return buffer[index]
        }

        /// The next event; `nil` after the last.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(TransactionError) -> EventRecord? {
            try await next()
        }
    }
}

extension EventReplay {
    /// Collects every event; for short streams and tests.
    public func collect() async throws(TransactionError) -> [EventRecord] {
        var events: [EventRecord] = []
        var iterator = makeAsyncIterator()
        while let event = try await iterator.next() { events.append(event) }
        return events
    }
}
