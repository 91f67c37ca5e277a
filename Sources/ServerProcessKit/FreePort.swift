import Foundation

/// A TCP port on 127.0.0.1 that nobody listens on right now (bind to port 0, read it back).
/// Another process may take it before the caller binds it: callers retry on "address in use".
public func freeLoopbackPort() throws(ChildProcessError) -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw ChildProcessError("cannot open a socket to find a free port") }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
            bind(descriptor, raw, length) == 0 && getsockname(descriptor, raw, &length) == 0
        }
    }
    guard bound else { throw ChildProcessError("cannot bind a probe socket on 127.0.0.1") }
    return Int(UInt16(bigEndian: address.sin_port))
}
