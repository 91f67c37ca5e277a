import Foundation

/// A TCP socket bound to 127.0.0.1 and never listening: connecting to it is refused.
struct LoopbackSocket {
    let descriptor: Int32
    let port: Int

    /// Binds `port` (0: the kernel picks one); nil if it cannot be bound.
    init?(port: Int, reuseAddress: Bool = false) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        if reuseAddress {
            var on: Int32 = 1
            setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
            }
        }
        guard bound else {
            Glibc.close(descriptor)
            return nil
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { Glibc.close(descriptor) }
}

/// A loopback port that refuses every connection for as long as this value lives: it is bound
/// (so nobody else can take it) and never listens. For tests of "connection refused".
public final class RefusingPort: Sendable {
    public let port: Int
    private let descriptor: Int32

    public init() throws(ChildProcessError) {
        guard let socket = LoopbackSocket(port: 0) else { throw ChildProcessError("cannot bind a socket on 127.0.0.1") }
        port = socket.port
        descriptor = socket.descriptor
    }

    deinit { close(descriptor) }
}
