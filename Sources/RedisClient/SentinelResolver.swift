/// Asks sentinels where the master is now, as Sentinel clients do: each in turn until one
/// names it; the answer is checked with `ROLE` once connected (`HiredisContext.open`).
enum SentinelResolver {
    /// The master's address; throws naming every sentinel that could not answer and why.
    static func master(of sentinel: SentinelAddress, timeout: Duration, tls: TLSOptions?) throws(RedisError) -> RedisEndpoint.Address {
        var reasons: [String] = []
        var allTLS = true
        for node in sentinel.nodes {
            let place = "\(node.host):\(node.port)"
            do {
                let context = try HiredisContext(address: .tcp(host: node.host, port: node.port), timeout: timeout, tls: tls)
                context.setTimeout(timeout)
                let reply = try context.command(RedisCommand("SENTINEL", "get-master-addr-by-name", sentinel.master))
                guard case .array(let parts) = reply, parts.count == 2, let host = parts[0].string,
                      let port = parts[1].int else {
                    reasons.append("\(place) does not know a master named \(sentinel.master) (\(reply))")
                    continue
                }
                return .tcp(host: host, port: port)
            } catch RedisError.tls(_, let reason) {
                reasons.append("\(place): \(reason)")
            } catch RedisError.connect(_, let reason) {
                allTLS = false
                reasons.append("\(place): \(reason)")
            } catch {
                allTLS = false
                reasons.append("\(place): \(error)")
            }
        }
        let reason = "no sentinel named the master (" + reasons.joined(separator: "; ") + ")"
        // Only TLS failures: say so without the "is redis-server running" hint of .connect.
        if allTLS, !reasons.isEmpty { throw RedisError.tls(endpoint: sentinel.description, reason: reason) }
        throw RedisError.connect(endpoint: sentinel.description, reason: reason)
    }
}
