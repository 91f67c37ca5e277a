/// Whether a server's SCAN may run as two halves at once (`RedisConnection.scanPass(inHalves:)`),
/// judged from its `INFO server` text.
///
/// Splitting relies on the cursor being a plain reverse-binary bucket index, as it is in a
/// standalone Redis up to 7.x (7.4's per-slot tables are one table when not in cluster mode).
/// In cluster mode 7.4+ puts the slot in the cursor's low bits, Dragonfly's cursors mean
/// something else, and Valkey 8.1 and Redis 8 changed or may change the keyspace's table:
/// those, and any server that does not say it is a standalone Redis 2.8-7.x, are scanned
/// as one chain, which is only slower.
enum ScanSplitSupport {
    static func allowsHalves(infoServer: String) -> Bool {
        var standalone = false
        var checkedVersion = false
        for line in infoServer.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let field = line[..<colon]
            let value = line[line.index(after: colon)...]
            switch field {
            case "redis_mode": standalone = value == "standalone"
            case "redis_version": checkedVersion = value.split(separator: ".").first.flatMap { Int($0) }.map { $0 <= 7 } ?? false
            case "server_name" where value != "redis": return false
            case "dragonfly_version": return false
            default: continue
            }
        }
        return standalone && checkedVersion
    }
}
