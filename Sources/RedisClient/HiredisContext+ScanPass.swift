import CHiredis
import Foundation

/// How a SCAN pass ended.
enum ScanPassEnd {
    /// The server returned cursor 0.
    case finished
    /// Stopped early on request, after the last call in flight was read.
    case stopped
    /// The server answered a call with an error reply.
    case refused(String)
}

extension HiredisContext {
    /// Runs SCAN from cursor 0 until the server returns cursor 0, reading every reply through
    /// a `ScanReplyFilter`.
    ///
    /// The next call leaves as soon as the cursor of the reply being read is known, before its
    /// keys are received and filtered: the server computes page n+1 while this thread takes in
    /// page n, so between pages it waits one round trip instead of a whole transfer and parse.
    /// There is never more than one call ahead (its cursor comes from the reply before it).
    func scanPass(
        command: (_ cursor: [UInt8], _ count: Int) -> RedisCommand,
        schedule: inout some ScanCountSchedule,
        keep: @escaping (UnsafeRawBufferPointer) -> Bool,
        page: (ScanPage) -> Void,
        shouldStop: () -> Bool
    ) throws(HiredisFailure) -> ScanPassEnd {
        guard let reader = context.pointee.reader else { throw .protocolViolation("the context has no reply reader") }
        let filter = ScanReplyFilter(keep: keep)
        let standard = reader.pointee.fn
        var readsPagesOnly = false
        reader.pointee.fn = ScanReplyFilter.functions
        reader.pointee.privdata = Unmanaged.passUnretained(filter).toOpaque()
        defer {
            // After a failure hiredis may hold a half-built reply made by the filter's
            // functions; it must be freed by them (the caller drops the context), so the
            // standard table comes back only after whole replies.
            if readsPagesOnly { reader.pointee.fn = standard }
            reader.pointee.privdata = nil
        }

        let clock = ContinuousClock()
        var sentAt = clock.now
        func send(_ cursor: [UInt8]) throws(HiredisFailure) {
            sentAt = clock.now
            try append(command(cursor, schedule.count))
            try flush()
        }
        func sendNext(after cursor: [UInt8]) throws(HiredisFailure) -> Bool {
            guard cursor != Self.lastCursor, !shouldStop() else { return false }
            schedule.record(roundTrip: clock.now - sentAt)
            try send(cursor)
            return true
        }

        try send(Self.lastCursor)
        while true {
            filter.beginReply()
            var nextSent = false
            var reply: UnsafeMutableRawPointer?
            while true {
                guard redisGetReplyFromReader(context, &reply) == REDIS_OK else { throw failure(errno: errno) }
                if reply != nil { break }
                if !nextSent, let cursor = filter.cursor { nextSent = try sendNext(after: cursor) }
                guard redisBufferRead(context) == REDIS_OK else { throw failure(errno: errno) }
            }
            if let message = filter.errorReply {
                // An error reply has no cursor, so no call was sent after it: the context is clean.
                readsPagesOnly = true
                return .refused(message)
            }
            guard filter.isPage, let cursor = filter.cursor else { throw .protocolViolation("SCAN replied without [cursor, [keys]]") }
            if !nextSent { nextSent = try sendNext(after: cursor) }
            page(ScanPage(cursor: cursor, returned: filter.returned, keys: filter.takeKept()))
            if !nextSent {
                readsPagesOnly = true
                return cursor == Self.lastCursor ? .finished : .stopped
            }
        }
    }

    /// Cursor 0 starts a pass, and a reply with cursor 0 ends it.
    private static var lastCursor: [UInt8] { [UInt8(ascii: "0")] }
}
