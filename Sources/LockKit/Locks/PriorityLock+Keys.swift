extension KeySchema {
    /// Heartbeat deadlines of a priority queue's waiters: a zset, member = owner token,
    /// score = unix ms (server clock) after which the waiter counts as dead and is dropped.
    public func queueDeadlines(_ resource: String) -> String {
        namespace + (layout == .hashTagged ? "lock:queue:deadlines:{\(resource)}" : "lock:queue:deadlines:lock:\(resource)")
    }

    /// Arrival counter of a priority queue: INCR per newcomer, so equal priorities keep arrival order.
    public func queueArrivals(_ resource: String) -> String {
        namespace + (layout == .hashTagged ? "lock:queue:arrivals:{\(resource)}" : "lock:queue:arrivals:lock:\(resource)")
    }
}
