/// Reads the events sentinels publish (`PSUBSCRIBE *` on a sentinel) about one master and
/// says whether a failover is in progress. Pure, so it is tested without sentinels.
public struct SentinelFailoverTracker: Sendable {
    /// The master's name in the sentinels' configuration.
    public let master: String
    /// What the sentinels said last while a failover is in progress; `nil` otherwise.
    public private(set) var state: String?

    public init(master: String) {
        self.master = master
    }

    /// What one event changes.
    public enum Change: Sendable, Hashable {
        /// Nothing the dashboard shows.
        case none
        /// The failover's state is now `state` (`nil`: over).
        case state(String?)
        /// `+switch-master`: the master is now another server; connections must be made again.
        case switched
    }

    /// Applies the event published on `channel` with `payload`.
    public mutating func apply(channel: String, payload: String) -> Change {
        let words = payload.split(separator: " ")
        if channel == "+switch-master" {
            guard words.first.map(String.init) == master else { return .none }
            state = nil
            return .switched
        }
        // "<type> <name> <ip> <port> [@ <master> <ip> <port>]": about our master, or one of its replicas.
        let aboutMaster = words.count >= 2 && words[0] == "master" && String(words[1]) == master
        let aboutReplica = words.firstIndex(of: "@").map { words.count > $0 + 1 && String(words[$0 + 1]) == master } ?? false
        guard aboutMaster || aboutReplica else { return .none }
        let next: String?
        switch channel {
        case "+odown", "+try-failover", "+elected-leader", "+selected-slave", "+promoted-slave":
            next = String(channel.dropFirst())
        case _ where channel.hasPrefix("+failover-state-"):
            next = String(channel.dropFirst("+failover-state-".count))
        case "+failover-end", "+failover-end-for-timeout", "-odown":
            next = nil
        case _ where channel.hasPrefix("-failover-abort"):
            next = nil
        default:
            return .none
        }
        guard next != state else { return .none }
        state = next
        return .state(next)
    }
}
