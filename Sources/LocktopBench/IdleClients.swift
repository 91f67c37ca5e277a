import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Many plain TCP clients of a server, each named (and some subscribed) with one inline
/// command and then idle: what `CLIENT LIST` sees on a busy server, without a thread each.
final class IdleClients: Sendable {
    private let sockets: [Int32]

    /// Opens `count` connections to `port` on 127.0.0.1 and sends each its `commands(i)` (inline RESP).
    init(count: Int, port: Int, commands: (Int) -> [String]) throws {
        var opened: [Int32] = []
        for index in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(fd)
                for open in opened { close(open) }
                throw Failure(description: "connect: errno \(errno)")
            }
            let text = commands(index).map { $0 + "\r\n" }.joined()
            _ = text.withCString { write(fd, $0, strlen($0)) }
            opened.append(fd)
        }
        sockets = opened
    }

    deinit { for fd in sockets { close(fd) } }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }
}
