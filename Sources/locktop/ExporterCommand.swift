import ArgumentParser
import Foundation
import LockInspector
import LocktopExporter

struct ExporterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exporter",
        abstract: "Serve lock health as Prometheus metrics (GET /metrics, /healthz).",
        discussion: """
            Scans the Redis every --interval seconds (SCAN only, never KEYS; never once per scrape) \
            and serves what it found: locks by family, locks without TTL, the oldest lock's age, \
            queue lengths, sagas by status and stuck sagas, two-phase commits in doubt, anomalies \
            by kind, the scan's duration and whether Redis answered. Labels stay bounded; \
            --per-key N adds per-key TTL and queue-length series for at most N keys. It listens \
            on loopback unless told otherwise.
            """
    )

    @OptionGroup var connection: ConnectionArguments

    @Option(help: ArgumentHelp("Address to listen on (host:port).", valueName: "address"))
    var listen = "127.0.0.1:9477"

    @Option(help: ArgumentHelp("Seconds between scans.", valueName: "seconds"))
    var interval = 15.0

    @Option(help: ArgumentHelp("Add per-key series for at most this many keys (the locks closest to expiring, the longest queues).",
                               valueName: "count"))
    var perKey: Int?

    func validate() throws {
        guard interval.isFinite, interval >= 1, interval <= 3600 else { throw ValidationError("--interval must be between 1 and 3600 seconds") }
        if let perKey, !(1...10_000).contains(perKey) { throw ValidationError("--per-key must be between 1 and 10000") }
        _ = try Self.address(listen)
    }

    func run() async throws {
        let (host, port) = try Self.address(listen)
        let profile = try connection.server.loadProfile()
        let exporter = LockExporter(endpoint: try await connection.server.detectingCluster(profile: profile),
                                    scanOptions: ScanOptions(patterns: connection.patterns(profile: profile)),
                                    interval: .milliseconds(Int64(interval * 1000)), perKey: perKey)
        try await exporter.run(host: host, port: port) { port in
            FileHandle.standardError.write(Data("locktop exporter: http://\(host):\(port)/metrics\n".utf8))
        }
    }

    static func address(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("--listen needs host:port, e.g. 127.0.0.1:9477, got '\(text)'")
        }
        let host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return (host.isEmpty ? "127.0.0.1" : host, port)
    }
}
