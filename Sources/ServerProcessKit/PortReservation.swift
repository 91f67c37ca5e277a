import Foundation
import Synchronization

/// A loopback TCP port that belongs to one of our servers for as long as this value lives,
/// through stops, kills and restarts: no other server of any locktop process is given it.
///
/// Asking the kernel for "a free port" (bind to port 0) is not enough: the port is free again
/// the moment the probe closes, and again whenever our server is stopped, so a test that
/// restarts a server, or expects a stopped one to refuse, can meet another test's server
/// there. Ports come from a range below the kernel's ephemeral range (32768 and up here), so
/// no client socket is given one as its local port; a port's cluster bus (port + 10000) is
/// below it too and never handed out as a port. Between processes, the claim is an abstract
/// unix socket named after the port: the kernel drops it when its holder exits, however it
/// exits, and it leaves no file behind.
public final class PortReservation: Sendable {
    /// The reserved port on 127.0.0.1.
    public let port: Int
    private let claim: Int32

    /// Ports handed out: `first..<first + count`; each one's cluster bus is `port + clusterBusOffset`.
    static let first = 12_000
    static let count = 9_000
    static let clusterBusOffset = 10_000
    /// Where this process looks next: a random start, so concurrent processes rarely race.
    private static let cursor = Atomic<Int>(Int.random(in: 0..<count))

    private init(port: Int, claim: Int32) {
        self.port = port
        self.claim = claim
    }

    deinit { close(claim) }

    /// Reserves the next port that no locktop process holds and nothing listens on now.
    public static func next() throws(ChildProcessError) -> PortReservation {
        for _ in 0..<count {
            let offset = cursor.add(1, ordering: .relaxed).oldValue
            let port = first + (offset % count + count) % count
            guard let claim = claimAcrossProcesses(port) else { continue }
            if isBindable(port) && isBindable(port + clusterBusOffset) {
                return PortReservation(port: port, claim: claim)
            }
            close(claim)
        }
        throw ChildProcessError("no free port in 127.0.0.1:\(first)-\(first + count - 1): every one is taken or reserved")
    }

    /// Binds the abstract unix socket `locktop-port-<port>`; nil if another process holds it.
    private static func claimAcrossProcesses(_ port: Int) -> Int32? {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        // An abstract name starts with a NUL byte; its length is given, not NUL-terminated.
        let name = Array("locktop-port-\(port)".utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { path in
            path[0] = 0
            for (index, byte) in name.enumerated() { path[index + 1] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + 1 + name.count)
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 }
        }
        guard bound else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    /// Whether a server could bind `port` on 127.0.0.1 now (with SO_REUSEADDR, as redis-server does).
    private static func isBindable(_ port: Int) -> Bool {
        guard let probe = LoopbackSocket(port: port, reuseAddress: true) else { return false }
        probe.close()
        return true
    }
}
