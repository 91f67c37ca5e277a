/// The dashboard's views, in Tab order; `1`...`7` pick them directly.
public enum AppView: Int, CaseIterable, Sendable, Hashable {
    case locks, queues, transactions, streams, events, simulator, redlock

    /// The tab title.
    public var title: String {
        switch self {
        case .locks: "Locks"
        case .queues: "Queues"
        case .transactions: "Sagas & 2PC"
        case .streams: "Streams"
        case .events: "Events"
        case .simulator: "Simulator"
        case .redlock: "Redlock"
        }
    }
}
