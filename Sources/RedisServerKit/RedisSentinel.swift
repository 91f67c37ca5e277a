import Foundation
import RedisClient
import ServerProcessKit
import Synchronization

/// A private Redis Sentinel on a free loopback port, watching one private master: for the
/// failover tests. Like `RedisServer` it never outlives the process that started it.
public final class RedisSentinel: Sendable {
    /// Where clients reach this sentinel.
    public let node: SentinelAddress.Node
    /// Holds its configuration file (Sentinel rewrites it) and nothing else.
    public let directory: URL
    private let port: PortReservation
    private let running = Mutex<RedisServerProcess?>(nil)

    private init(node: SentinelAddress.Node, directory: URL, port: PortReservation) {
        self.node = node
        self.directory = directory
        self.port = port
    }

    deinit {
        running.withLock { $0?.killNow() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts a sentinel monitoring `master` (a TCP server) as `name`; returns once it monitors it.
    /// A master is judged down after `downAfter` without answers, by `quorum` sentinels.
    /// With `tls` the sentinel listens only on TLS and reaches the master over TLS (`tls-replication yes`).
    public static func start(monitoring master: RedisEndpoint, as name: String, quorum: Int = 2,
                             downAfter: Duration = .seconds(1), tls: RedisTLSSettings? = nil) async throws(RedisServerError) -> RedisSentinel {
        guard case .tcp(let host, let port) = master.address else { throw .launch("a sentinel monitors a TCP master") }
        var lastError = RedisServerError.launch("no attempt made")
        for _ in 0..<5 {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("locktop-sentinel-\(UUID().uuidString.prefix(8))")
            let reservation = try RedisServer.reservePort()
            let sentinelPort = reservation.port
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw .launch("cannot prepare a sentinel in \(directory.path): \(error)")
            }
            // Pairs of arguments become configuration lines: "--tls-port P" -> "tls-port P".
            let tlsArguments = tls?.serverArguments(port: sentinelPort) ?? []
            let listening = tlsArguments.isEmpty ? "port \(sentinelPort)"
                : stride(from: 0, to: tlsArguments.count - 1, by: 2)
                    .map { "\(tlsArguments[$0].dropFirst(2)) \(tlsArguments[$0 + 1])" }.joined(separator: "\n")
            let configuration = """
                \(listening)
                bind 127.0.0.1
                dir \(directory.path)
                sentinel monitor \(name) \(host) \(port) \(quorum)
                sentinel down-after-milliseconds \(name) \(Int(downAfter.components.seconds * 1000 + downAfter.components.attoseconds / 1_000_000_000_000_000))
                sentinel failover-timeout \(name) 10000
                sentinel parallel-syncs \(name) 1

                """
            let file = directory.appendingPathComponent("sentinel.conf")
            do {
                try configuration.write(to: file, atomically: true, encoding: .utf8)
            } catch {
                throw .launch("cannot write \(file.path): \(error)")
            }
            let sentinel = RedisSentinel(node: SentinelAddress.Node(host: "127.0.0.1", port: sentinelPort), directory: directory, port: reservation)
            do {
                let process = try RedisServerProcess.launch(
                    arguments: [file.path, "--sentinel", "--proc-title-template", "{title} {listen-addr} \(RedisServer.processMarker)"],
                    folder: directory.path, readyLine: "+monitor master")
                try await process.waitUntilReady()
                sentinel.running.withLock { $0 = process }
                return sentinel
            } catch {
                lastError = error
                if case .launch = error { throw error }
            }
        }
        throw lastError
    }

    /// SIGTERM, wait until gone, remove its folder.
    public func stop() async {
        guard let process = running.withLock({ current in defer { current = nil }; return current }) else { return }
        await process.end(with: SIGTERM)
        try? FileManager.default.removeItem(at: directory)
    }
}
