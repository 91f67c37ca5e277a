/// The masters of a cluster as a table for people (`locktop list` prints it below the locks).
public enum ClusterNodeTable {
    public static func render(_ nodes: [ClusterNodeStatus]) -> String {
        var lines = ["cluster: \(nodes.summary)", "MASTER                  SLOTS  SCANNED  FOUND  STATE"]
        for node in nodes {
            let state = node.problem.map { "unreachable: \($0)" } ?? "ok"
            lines.append(pad(node.address, 22) + "  " + pad(String(node.slotCount), 5, right: true) + "  "
                         + pad(String(node.scannedKeys), 7, right: true) + "  " + pad(String(node.foundKeys), 5, right: true) + "  " + state)
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}
