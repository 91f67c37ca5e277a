import CHiredis
import Foundation

/// How a SCAN pass ended.
enum ScanPassEnd {
    /// Every chain reached its end. `duplicates`: keys returned by both halves of a split pass.
    case finished(duplicates: Int)
    /// Stopped early on request, after the calls in flight were read.
    case stopped
    /// The server answered a call with an error reply (the calls in flight were read).
    case refused(String)
}

extension HiredisContext {
    /// Runs a SCAN pass, reading every reply through a `ScanReplyFilter`.
    ///
    /// A chain's next call leaves as soon as the cursor of its reply is known, before the
    /// keys are received and filtered. One chain can have only one call in flight (its
    /// cursor comes from the reply before it), so between two calls the server waits a round
    /// trip; with `split` the pass runs as two chains (`ScanHalves`) and the server always
    /// has the other chain's call queued.
    func scanPass(
        command: (_ cursor: [UInt8], _ count: Int) -> RedisCommand,
        schedule: inout some ScanCountSchedule,
        split: Bool,
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

        var halves = ScanHalves(split: split, maximumCount: schedule.maximum)
        let clock = ContinuousClock()
        // Calls sent and not yet answered, oldest first: replies come back in this order.
        var inFlight: [(chain: ScanHalves.Chain, sentAt: ContinuousClock.Instant)] = []
        var interrupted = false
        var refusal: String?
        func send(_ chain: ScanHalves.Chain, _ cursor: [UInt8]) throws(HiredisFailure) {
            try append(command(cursor, schedule.count))
            try flush()
            inFlight.append((chain, clock.now))
        }
        func sendNext(_ call: (chain: ScanHalves.Chain, sentAt: ContinuousClock.Instant), after cursor: [UInt8]) throws(HiredisFailure) -> Bool {
            guard ScanHalves.continues(call.chain, after: cursor), refusal == nil else { return false }
            guard !shouldStop() else {
                interrupted = true
                return false
            }
            schedule.record(roundTrip: clock.now - call.sentAt)
            try send(call.chain, cursor)
            return true
        }

        for start in halves.starts { try send(start.chain, start.cursor) }
        while !inFlight.isEmpty {
            let call = inFlight.removeFirst()
            filter.beginReply(recordsEveryKey: halves.recordingRule(for: call.chain))
            var nextSent = false
            var reply: UnsafeMutableRawPointer?
            while true {
                guard redisGetReplyFromReader(context, &reply) == REDIS_OK else { throw failure(errno: errno) }
                if reply != nil { break }
                if !nextSent, let cursor = filter.cursor { nextSent = try sendNext(call, after: cursor) }
                try readAvailable()
            }
            if let message = filter.errorReply {
                // Read what is still in flight, so the context stays usable, and report this.
                refusal = refusal ?? message
                continue
            }
            guard filter.isPage, let cursor = filter.cursor else { throw .protocolViolation("SCAN replied without [cursor, [keys]]") }
            if !nextSent { nextSent = try sendNext(call, after: cursor) }
            halves.record(call.chain, returned: filter.returned, everyKey: filter.takeEveryKey())
            page(ScanPage(cursor: cursor, returned: filter.returned, keys: filter.takeKept()))
        }
        readsPagesOnly = true
        if let refusal { return .refused(refusal) }
        return interrupted ? .stopped : .finished(duplicates: halves.duplicates)
    }
}
