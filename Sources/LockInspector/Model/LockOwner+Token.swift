import Foundation
import LockKit

extension LockOwner {
    /// The owner a token names by itself: LockKit's `<unix-ms>-<host>-<pid>-<8 hex>` gives the
    /// time, host and pid, the guide's `<unix-ms>-<random>` the time; any other token only itself.
    ///
    /// `LockEntity` keeps just the token of a holder this describes in full and asks again
    /// whenever the holder is read (a dashboard frame reads a few hundred), so ASCII tokens
    /// are read byte by byte rather than split into strings.
    public init(describedBy token: String) {
        if let parts = Self.lockKitParts(token) {
            self.init(token: token, host: parts.host, pid: parts.pid, acquiredAt: parts.acquiredAt)
        } else if let millis = Self.guideMilliseconds(token) {
            self.init(token: token, acquiredAt: Date(timeIntervalSince1970: Double(millis) / 1000))
        } else {
            self.init(token: token)
        }
    }

    /// `OwnerToken(value: token).parts`, without the splitting for ASCII tokens.
    static func lockKitParts(_ token: String) -> (acquiredAt: Date, host: String, pid: Int32)? {
        let bytes = token.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return OwnerToken(value: token).parts }
        let dash = UInt8(ascii: "-")
        // At least three dashes: <ms> - <host, which may hold dashes> - <pid> - <hex>.
        guard let first = bytes.firstIndex(of: dash), let last = bytes.lastIndex(of: dash),
              let beforeLast = bytes[..<last].lastIndex(of: dash), first < beforeLast else { return nil }
        let hex = token[bytes.index(after: last)...]
        guard hex.utf8.count == 8, hex.utf8.allSatisfy(Self.isHexDigit),
              let millis = Int64(token[..<first]), let pid = Int32(token[bytes.index(after: beforeLast)..<last]) else { return nil }
        let host = token[bytes.index(after: first)..<beforeLast]
        guard !host.isEmpty else { return nil }
        return (Date(timeIntervalSince1970: Double(millis) / 1000), String(host), pid)
    }

    /// The time in the guide's `<13-digit unix-ms>-<Math.random()>` tokens, e.g. 1700000000000-0.8123.
    static func guideMilliseconds(_ token: String) -> Int64? {
        guard let dash = token.firstIndex(of: "-") else { return nil }
        let head = token[..<dash]
        guard head.count == 13, let millis = Int64(head), Double(token[token.index(after: dash)...]) != nil else { return nil }
        return millis
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }
}
