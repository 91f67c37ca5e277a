import Foundation
import ServerProcessKit
import Synchronization

/// A private PostgreSQL server for tests and the demo: a fresh cluster (initdb) in a
/// temporary folder, listening on 127.0.0.1 on a free port and on a unix socket in that
/// folder, `trust` authentication, no durability (fsync off). It can be stopped, killed and
/// restarted on the same port with its data, and it never outlives the process that
/// started it (a watchdog shell shuts it down when our end of its stdin closes).
public final class PostgresServer: Sendable {
    /// The superuser and database every connection string names.
    public static let user = "postgres"
    /// The database every connection string names.
    public static let database = "postgres"

    /// The loopback address the server listens on.
    public let host = "127.0.0.1"
    /// The TCP port, also in the socket file name (`.s.PGSQL.<port>`).
    public var port: Int { reservation.port }
    /// Keeps the port ours while the server may use it (see `PortReservation`).
    private let reservation: PortReservation
    /// Folder holding the data directory and the socket; removed when the server is released
    /// (by the watchdog, once the server is gone, if it was still running).
    public let directory: URL
    /// Where the unix socket lives (pass it as `host=` to libpq), unless the path was too long for one.
    public var socketDirectory: String? { directory.path.utf8.count < 80 ? directory.path : nil }

    private let installation: PostgresInstallation
    private let settings: [String: String]
    private let running = Mutex<PostgresServerProcess?>(nil)

    private var dataDirectory: String { directory.appendingPathComponent("data").path }

    private init(port: PortReservation, directory: URL, installation: PostgresInstallation, settings: [String: String]) {
        reservation = port
        self.directory = directory
        self.installation = installation
        self.settings = settings
    }

    deinit {
        if let process = running.withLock({ $0 }) {
            // The watchdog removes the folder once the server is gone; deleting it now would race its shutdown.
            process.endNow()
        } else {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// A libpq connection string for this server over TCP, with a short connect timeout.
    public var connectionString: String {
        "host=\(host) port=\(port) user=\(Self.user) dbname=\(Self.database) connect_timeout=2 application_name=locktop"
    }

    /// Creates a cluster, starts the server and returns once it accepts connections.
    ///
    /// `settings` are extra server settings (`-c name=value`), e.g. `["max_connections": "20"]`.
    public static func start(settings: [String: String] = [:]) async throws(PostgresServerError) -> PostgresServer {
        let installation = try PostgresInstallation.discover()
        var lastError = PostgresServerError.launch("no attempt made")
        // A process that is not ours can still take a reserved port before the server binds it: try a few.
        for _ in 0..<5 {
            let directory = installation.baseDirectory().appendingPathComponent("locktop-pg-\(UUID().uuidString.prefix(8))")
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw .launch("cannot create \(directory.path): \(error)")
            }
            // From here on the server's deinit removes the folder if it does not start.
            let server = PostgresServer(port: try reservePort(), directory: directory, installation: installation, settings: settings)
            do {
                try installation.handOver(directory.path)
                try await server.createCluster()
                try await server.launch()
                return server
            } catch {
                lastError = error
                guard case .exited(let log) = error, log.contains("could not bind") else { throw error }
            }
        }
        throw lastError
    }

    /// The postmaster's pid while it runs.
    public var pid: Int32? { running.withLock { $0?.pid } }

    /// Fast shutdown (SIGINT): open sessions are disconnected, their advisory locks freed;
    /// returns once every server process is gone.
    public func stop() async { await end(signal: SIGINT) }

    /// SIGKILL of the postmaster (a crash); returns once every server process is gone.
    public func kill() async { await end(signal: SIGKILL) }

    /// Starts the server again on the same port with the same data, after `stop()`.
    public func restart() async throws(PostgresServerError) {
        await stop()
        try await launch()
    }

    /// What the server logged since it was last started.
    public var log: String { running.withLock { $0?.log ?? "" } }

    private func end(signal: Int32) async {
        guard let process = running.withLock({ current in defer { current = nil }; return current }) else { return }
        await process.end(with: signal)
    }

    private func createCluster() async throws(PostgresServerError) {
        let command = installation.command("initdb", [
            "-D", dataDirectory, "-U", Self.user, "--auth=trust", "--no-sync",
            "-E", "UTF8", "--locale=C", "--no-instructions",
        ])
        let (status, output) = try await PostgresInstallation.runToCompletion(command)
        guard status == 0 else { throw .initdb(status: status, output: output) }
    }

    private func launch() async throws(PostgresServerError) {
        var values = [
            "listen_addresses": host,
            "port": String(port),
            // A socket path longer than 107 bytes makes postgres refuse to start: then TCP only.
            "unix_socket_directories": directory.path.utf8.count < 80 ? directory.path : "",
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "shared_buffers": "16MB",
            "max_connections": "100",
        ]
        values.merge(settings) { _, new in new }
        let arguments = ["-D", dataDirectory] + values.sorted { $0.key < $1.key }.flatMap { ["-c", "\($0.key)=\($0.value)"] }
        let process = try PostgresServerProcess.launch(installation.command("postgres", arguments), directory: directory.path)
        try await process.waitUntilReady()
        running.withLock { $0 = process }
    }

    private static func reservePort() throws(PostgresServerError) -> PortReservation {
        do { return try PortReservation.next() } catch { throw .launch(error.description) }
    }
}

/// Why a private PostgreSQL could not be started.
public enum PostgresServerError: Error, Sendable, CustomStringConvertible {
    /// The binaries, the user or the folder are missing: retrying will not help.
    case launch(String)
    /// initdb failed; `output` is what it printed.
    case initdb(status: Int32, output: String)
    /// The server exited before it was ready; `log` is what it printed.
    case exited(log: String)

    public var description: String {
        switch self {
        case .launch(let reason):
            return "cannot start PostgreSQL: \(reason). Install it with 'apt-get install -y postgresql' (make test does)."
        case .initdb(let status, let output):
            return "initdb failed with status \(status):\n\(output.suffix(2000))"
        case .exited(let log):
            return "postgres exited before accepting connections:\n\(log.suffix(2000))"
        }
    }
}
