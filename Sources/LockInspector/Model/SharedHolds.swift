import Foundation
import LockKit

/// One holder (or waiting writer) of a lock that several may hold at once, with its own lease.
public struct SharedHolder: Sendable, Hashable {
    /// How it holds the lock.
    public enum Role: String, Sendable, Hashable, Codable {
        case reader, writer, waitingWriter = "waiting-writer", permit
    }

    public var role: Role
    public var owner: LockOwner
    /// The member (or hash field) exactly as stored: what a release of this holder alone names.
    public var rawMember: [UInt8]
    /// This holder's own lease; the lock's TTL when the layout keeps none per holder.
    public var ttl: LockTTL

    public init(role: Role, owner: LockOwner, rawMember: [UInt8], ttl: LockTTL) {
        self.role = role
        self.owner = owner
        self.rawMember = rawMember
        self.ttl = ttl
    }
}

/// Who holds a read-write lock or a semaphore, how, and with how many permits.
public struct SharedHolds: Sendable, Hashable {
    /// What the lock is held for now.
    public enum Mode: String, Sendable, Hashable, Codable {
        case read, write, free
    }

    public var holders: [SharedHolder]
    /// Writers waiting for a read-write lock (new readers wait behind them).
    public var waitingWriters: [SharedHolder]
    /// The semaphore's permit count in force, when the layout records it.
    public var permits: Int?

    public init(holders: [SharedHolder], waitingWriters: [SharedHolder] = [], permits: Int? = nil) {
        self.holders = holders
        self.waitingWriters = waitingWriters
        self.permits = permits
    }

    public var mode: Mode {
        if holders.contains(where: { $0.role == .writer }) { return .write }
        if holders.contains(where: { $0.role == .reader }) { return .read }
        return .free
    }

    /// `3 readers`, `writer`, `free`, `2/5 permits` (`2 permits` when the count is not recorded).
    public var summary: String {
        if let permits { return "\(holders.count)/\(permits) permits" }
        if holders.first?.role == .permit { return "\(holders.count) permit\(holders.count == 1 ? "" : "s")" }
        switch mode {
        case .write: return "writer"
        case .read: return "\(holders.count) reader\(holders.count == 1 ? "" : "s")"
        case .free: return "free"
        }
    }

    /// The lease that ends first: the holder to look at when the lock seems stuck.
    public var shortestTTL: LockTTL? {
        holders.map(\.ttl).min { $0.orderSeconds < $1.orderSeconds }
    }

    /// LockKit's holder zset (`KeySchema.HolderMember`): each member's lease ends at its score,
    /// and the key expires with the latest, so a holder's TTL is the key's PTTL less the gap.
    /// nil when a member is not of the layout (another library's zset under a similar name).
    static func lockKitMembers(_ members: [ZSetMember], keyTTL: LockTTL, semaphore: Bool) -> SharedHolds? {
        let latest = members.map(\.score).filter(\.isFinite).max()
        var holds = SharedHolds(holders: [])
        for member in members {
            guard let text = String(validating: member.member, as: UTF8.self) else { return nil }
            let parsed = semaphore ? KeySchema.HolderMember(semaphoreMember: text) : KeySchema.HolderMember(readWriteMember: text)
            guard let parsed else { return nil }
            let ttl = holderTTL(score: member.score, latest: latest, keyTTL: keyTTL)
            func holder(_ role: SharedHolder.Role, _ token: String) -> SharedHolder {
                SharedHolder(role: role, owner: LockOwner(describedBy: KeyNames.displayToken(Array(token.utf8))), rawMember: member.member, ttl: ttl)
            }
            switch parsed {
            case .reader(let token): holds.holders.append(holder(.reader, token))
            case .writer(let token): holds.holders.append(holder(.writer, token))
            case .waitingWriter(let token): holds.waitingWriters.append(holder(.waitingWriter, token))
            case .permit(let token):
                // A permit holder's token is LockKit's; anything else is another library's zset.
                guard LockOwner(describedBy: token).pid != nil else { return nil }
                holds.holders.append(holder(.permit, token))
            case .limit(let count): holds.permits = count
            }
        }
        return holds
    }

    private static func holderTTL(score: Double, latest: Double?, keyTTL: LockTTL) -> LockTTL {
        guard score.isFinite else { return .noExpiry }
        guard case .remaining(let keyRemaining) = keyTTL, let latest else { return keyTTL }
        return remaining(milliseconds: keyRemaining.milliseconds - (latest - score))
    }

    /// A lease's remaining time from milliseconds read off scores, which may be anything:
    /// at least zero, and never a number too large (or not a number) to convert.
    static func remaining(milliseconds: Double) -> LockTTL {
        guard milliseconds.isFinite else { return milliseconds > 0 ? .noExpiry : .remaining(.zero) }
        return .remaining(.milliseconds(Int64(min(max(0, milliseconds), 1e15).rounded())))
    }
}
