import Foundation
import LockKit

extension LockOwner {
    /// The owner a token names by itself: LockKit's `<unix-ms>-<host>-<pid>-<8 hex>` gives the
    /// time, host and pid, the guide's `<unix-ms>-<random>` the time; any other token only itself.
    ///
    /// `LockEntity` keeps just the token of a holder this describes in full, and asks again
    /// when the holder is read.
    public init(describedBy token: String) {
        if let parts = OwnerToken(value: token).parts {
            self.init(token: token, host: parts.host, pid: parts.pid, acquiredAt: parts.acquiredAt)
        } else if let millis = Self.guideMilliseconds(token) {
            self.init(token: token, acquiredAt: Date(timeIntervalSince1970: Double(millis) / 1000))
        } else {
            self.init(token: token)
        }
    }

    /// The time in the guide's `<13-digit unix-ms>-<Math.random()>` tokens, e.g. 1700000000000-0.8123.
    static func guideMilliseconds(_ token: String) -> Int64? {
        let pieces = token.split(separator: "-", maxSplits: 1)
        guard pieces.count == 2, pieces[0].count == 13, let millis = Int64(pieces[0]), Double(pieces[1]) != nil else { return nil }
        return millis
    }
}
