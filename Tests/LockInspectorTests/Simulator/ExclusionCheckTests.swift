@testable import LockInspector
import RedisClient
import TestSupport
import Testing

/// The simulator's exclusion check against a real Redis, with no lock at all: it must flag a
/// writer beside readers and a permit holder too many, in this process and across two
/// (a second check instance has its own local counts, so only Redis can tell it).
@Suite struct ExclusionCheckTests {
    let keys = SimulationKeys(resource: "check", targetsRealKey: false)

    @Test func aWriterBesideReadersIsAViolationHereAndElsewhere() async throws {
        try await withRedis { _, redis in
            let ledger = ClientLedger()
            let here = ExclusionCheck(keys: keys, hold: .milliseconds(1), permits: 1, readersExist: true)
            let elsewhere = ExclusionCheck(keys: keys, hold: .milliseconds(1), permits: 1, readersExist: true)
            #expect(try await here.enter("r1", .read, on: redis, ledger: ledger) == false)
            let secondReader = try await here.enter("r2", .read, on: redis, ledger: ledger)
            #expect(secondReader == false, "readers share")
            let writerBesideReaders = try await elsewhere.enter("w", .exclusive, on: redis, ledger: ledger)
            #expect(writerBesideReaders, "a writer beside readers, seen in Redis")
            _ = try await elsewhere.leave("w", .exclusive, on: redis, ledger: ledger)
            _ = try await here.leave("r1", .read, on: redis, ledger: ledger)
            _ = try await here.leave("r2", .read, on: redis, ledger: ledger)
            // A reader coming in while a writer elsewhere is inside is caught the other way round.
            let alone = try await elsewhere.enter("w", .exclusive, on: redis, ledger: ledger)
            #expect(alone == false, "alone")
            let readerBesideWriter = try await here.enter("r3", .read, on: redis, ledger: ledger)
            #expect(readerBesideWriter)
        }
    }

    @Test func onePermitHolderTooManyIsAViolation() async throws {
        try await withRedis { _, redis in
            let ledger = ClientLedger()
            let here = ExclusionCheck(keys: keys, hold: .milliseconds(1), permits: 2, readersExist: false)
            let elsewhere = ExclusionCheck(keys: keys, hold: .milliseconds(1), permits: 2, readersExist: false)
            #expect(try await here.enter("p1", .permit, on: redis, ledger: ledger) == false)
            #expect(try await elsewhere.enter("p2", .permit, on: redis, ledger: ledger) == false)
            let third = try await here.enter("p3", .permit, on: redis, ledger: ledger)
            #expect(third, "a third holder of two permits")
        }
    }
}
