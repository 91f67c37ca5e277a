import Foundation
import Synchronization

/// A unique, readable lock owner: `<unix-ms>-<host>-<pid>-<8 hex>`, so whoever looks at a
/// lock can tell which host and process holds it and since when.
public struct OwnerToken: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public init(value: String) { self.value = value }

    /// A fresh token for this process.
    public static func generate(host: String = OwnerToken.hostName, pid: Int32 = OwnerToken.processID, now: Date = Date()) -> OwnerToken {
        let millis = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        let random = nextSuffix()
        let hex = String(random, radix: 16)
        let padded = String(repeating: "0", count: 8 - hex.count) + hex
        return OwnerToken(value: "\(millis)-\(host)-\(pid)-\(padded)")
    }

    /// `<host>-<pid>`: the part of every token this process generates between the time and
    /// the random suffix, so a Lua script can tell from a token which process's channel to wake.
    public static let processTag: String = "\(hostName)-\(processID)"

    /// This process's id, read once (getpid is a system call).
    public static let processID: Int32 = getpid()

    /// Suffixes start at a random point and count up: unique within the process (with the
    /// millisecond, host and pid, unique everywhere) without a getrandom call per token.
    private static let suffixes = Mutex(UInt32.random(in: .min ... .max))

    private static func nextSuffix() -> UInt32 {
        suffixes.withLock { value in
            value &+= 0x9E37_79B9  // odd step: visits every 32-bit value before repeating
            return value
        }
    }

    /// This machine's host name, with characters that would confuse parsing replaced.
    public static let hostName: String = {
        let name = ProcessInfo.processInfo.hostName
        let cleaned = String(name.map { $0.isWhitespace ? "_" : $0 })
        return cleaned.isEmpty ? "unknown-host" : cleaned
    }()

    public var description: String { value }

    /// Acquired-at time, host and pid, when the token has this format.
    public var parts: (acquiredAt: Date, host: String, pid: Int32)? {
        let fields = value.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count >= 4,
              let millis = Int64(fields[0]),
              let pid = Int32(fields[fields.count - 2]),
              fields[fields.count - 1].count == 8,
              fields[fields.count - 1].allSatisfy(\.isHexDigit) else { return nil }
        let host = fields[1..<(fields.count - 2)].joined(separator: "-")
        guard !host.isEmpty else { return nil }
        return (Date(timeIntervalSince1970: Double(millis) / 1000), host, pid)
    }
}
