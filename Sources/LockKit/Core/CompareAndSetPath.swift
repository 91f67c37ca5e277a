import RedisClient

/// How a release or extend compares the owner token in the server: the chosen path for
/// one operation on one connection.
public enum CompareAndSetPath: String, Sendable, Hashable, CaseIterable {
    /// A Lua script (EVALSHA): one round trip, on every server that allows scripting.
    case lua
    /// The server's own command: `SET ... IFEQ` to extend, `DELIFEQ` / `DELEX ... IFEQ` to release.
    case native
    /// `WATCH` + `GET` then `MULTI`/`EXEC`: two round trips, for servers that refuse Lua.
    case watch

    /// The path for a release on a server with `capabilities`: native, else Lua, else WATCH.
    public static func release(on capabilities: ServerCapabilities) -> CompareAndSetPath {
        if capabilities.deleteIfEqual != nil { return .native }
        return capabilities.scripting ? .lua : .watch
    }

    /// The path for an extend or renew: `SET IFEQ` where it exists, else Lua, else WATCH.
    public static func extend(on capabilities: ServerCapabilities) -> CompareAndSetPath {
        if capabilities.setIfEqual { return .native }
        return capabilities.scripting ? .lua : .watch
    }
}

/// The outcome of a token-compared release or extend.
public enum OwnerCheckedOutcome: Sendable, Equatable {
    /// Done; for an extend, the new TTL in milliseconds.
    case done(ttlMilliseconds: Int?)
    /// The key holds another owner's token (or, where the path cannot tell, is gone).
    case ownerChanged
    /// The key does not exist.
    case gone

    /// Whether the operation ran.
    public var isDone: Bool { if case .done = self { true } else { false } }
}

/// How an extend sets the new TTL.
public enum TTLChange: Sendable, Equatable {
    /// Remaining TTL plus this many milliseconds (a key without TTL gets exactly this).
    case add(milliseconds: Int)
    /// Exactly this many milliseconds from now (what a watchdog's renewal does).
    case set(milliseconds: Int)
}
