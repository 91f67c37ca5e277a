extension DiscoveryReport {
    /// The report as `locktop discover` prints it: one line per group, `lock` groups first,
    /// `orders:*  37 locks  token:32hex  TTL 30 s-1 min  lock  <evidence>`, then what it cost.
    public func table() -> String {
        var lines = ["PATTERN\tFOUND\tFAMILY\tTTL\tCONFIDENCE\tEVIDENCE"]
        for group in groups {
            let ttl: String
            if let range = group.ttlRange {
                let low = DiscoveryGroup.seconds(range.lowerBound), high = DiscoveryGroup.seconds(range.upperBound)
                ttl = (low == high ? low : "\(low)-\(high)") + (group.withoutTTL > 0 ? ", \(group.withoutTTL) none" : "")
            } else {
                ttl = group.withoutTTL > 0 ? "none" : "-"
            }
            lines.append([group.pattern, "\(group.count) \(group.what)", group.family.rawValue, ttl, group.confidence.rawValue,
                          group.evidence].joined(separator: "\t"))
        }
        let widths = (0..<5).map { column in lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false)[column].count }.max() ?? 0 }
        var text = lines.map { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return cells.enumerated().map { index, cell in
                index < 5 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) : cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
        if groups.isEmpty { text += "\n(no locks found)" }
        text += "\n\(scannedKeys) keys scanned in \(patterns) patterns; values read of \(readKeys) keys (samples, then the recognised patterns)"
        return text
    }
}
