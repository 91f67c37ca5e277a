extension KeySchema {
    /// Heartbeat deadlines of a priority queue's waiters, as PriorityLock wrote them before the
    /// hand-over (a zset, member = owner token, score = unix ms of death); no longer written,
    /// still recognised by the inspector and removed with a waiter.
    public func queueDeadlines(_ resource: String) -> String {
        namespace + (layout == .hashTagged ? "lock:queue:deadlines:{\(resource)}" : "lock:queue:deadlines:lock:\(resource)")
    }

    /// Arrival counter of a hand-over queue (`FairLock`, `PriorityLock`): INCR per newcomer, so
    /// equal priorities keep arrival order; deleted with the queue.
    public func queueArrivals(_ resource: String) -> String {
        namespace + (layout == .hashTagged ? "lock:queue:arrivals:{\(resource)}" : "lock:queue:arrivals:lock:\(resource)")
    }
}
