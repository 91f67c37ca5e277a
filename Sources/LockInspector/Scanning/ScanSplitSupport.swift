/// Whether a server's SCAN may run as two halves at once (`RedisConnection.scanPass(inHalves:)`),
/// judged from its `INFO server` text.
///
/// Splitting relies on the cursor being a plain reverse-binary bucket index, as it is in a
/// standalone Redis (and Valkey). In cluster mode Redis 7.4+ puts the slot in the cursor's
/// low bits, and Dragonfly's cursors mean something else: those, and any server that does
/// not say it is a standalone Redis or Valkey, are scanned as one chain.
enum ScanSplitSupport {
    static func allowsHalves(infoServer: String) -> Bool {
        var standalone = false
        for line in infoServer.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let field = line[..<colon]
            let value = line[line.index(after: colon)...]
            switch field {
            case "redis_mode": standalone = value == "standalone"
            case "server_name" where value != "redis" && value != "valkey": return false
            case "dragonfly_version": return false
            default: continue
            }
        }
        return standalone
    }
}
