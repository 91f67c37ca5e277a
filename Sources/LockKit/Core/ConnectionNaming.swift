import RedisClient
import Synchronization

/// Names every connection LockKit takes a lock on `<name>/<host>/<pid>` (`CLIENT SETNAME`),
/// the host and pid its owner tokens carry, so that an inspector reading `CLIENT LIST` can
/// tell whether a lock's owner still has a connection open (`OwnerToken.parts`).
///
/// `<name>` is the name the application gave the connection, or `lockkit` for none or the
/// library default (`locktop`). Each connection is named once per process: later calls cost a
/// dictionary lookup, not a round trip.
public enum ConnectionNaming {
    /// The `/<host>/<pid>` every LockKit connection name of this process ends with.
    public static let suffix = "/\(OwnerToken.hostName)/\(OwnerToken.processID)"

    /// The name LockKit gives a connection first named `given`.
    public static func name(given: String?) -> String {
        guard let given, given != "locktop", !given.isEmpty else { return "lockkit" + suffix }
        return given.hasSuffix(suffix) ? given : given + suffix
    }

    /// The host and pid a connection name carries, if it is one LockKit gave.
    public static func owner(ofConnectionName name: Substring) -> (host: Substring, pid: Int32)? {
        guard let slash = name.lastIndex(of: "/"), let pid = Int32(name[name.index(after: slash)...]) else { return nil }
        let head = name[..<slash]
        guard let hostSlash = head.lastIndex(of: "/") else { return nil }
        let host = head[head.index(after: hostSlash)...]
        return host.isEmpty ? nil : (host, pid)
    }

    /// Names `connection` unless this process already did; never fails a lock operation.
    public static func ensure(_ connection: RedisConnection) async {
        let id = ObjectIdentifier(connection)
        let known = named.withLock { table in table[id].map { $0.connection === connection } ?? false }
        guard !known else { return }
        try? await connection.setClientName(name(given: connection.options.clientName))
        named.withLock { table in
            table = table.filter { $0.value.connection != nil }
            table[id] = WeakConnection(connection: connection)
        }
    }

    private struct WeakConnection: Sendable {
        weak var connection: RedisConnection?
    }

    private static let named = Mutex<[ObjectIdentifier: WeakConnection]>([:])
}
