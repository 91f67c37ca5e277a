import Foundation
@testable import LockInspector
import LockKit
import Testing

@Suite struct LockKitRecognizerTests {
    let recognizer = LockKitRecognizer()

    @Test func aLockKitTokenNamesHostPidAndTime() throws {
        let token = OwnerToken.generate(host: "web-01", pid: 4242, now: Records.now)
        let lock = try #require(Records.lock(recognizer.recognize(Records.string("lock:{coupon:1}", token.value), now: Records.now)))
        #expect(lock.family == .locktop)
        #expect(lock.resource == "coupon:1")
        #expect(lock.owners.first?.host == "web-01")
        #expect(lock.owners.first?.pid == 4242)
        #expect(lock.owners.first?.acquiredAt == Records.now)
    }

    @Test(arguments: [("lock:coupon:1", "1700000000000-0.8123"), ("coupon:issue:7", "locked"), ("file:processing:a", "auto-locked")])
    func theGuidesLocksAreTheGuides(_ key: String, _ value: String) throws {
        let lock = try #require(Records.lock(recognizer.recognize(Records.string(key, value), now: Records.now)))
        #expect(lock.family == .guide)
    }

    @Test func theSimulatorsShadowLockAndQueueAreRecognisedUnderTheirOwnResource() throws {
        let token = OwnerToken.generate(host: "sim", pid: 1, now: Records.now)
        let lock = try #require(Records.lock(recognizer.recognize(Records.string("locktop:sim:lock:{coupon:1}", token.value), now: Records.now)))
        #expect(lock.family == .locktop)
        #expect(lock.resource == "locktop:sim:coupon:1")
        let queue = try #require(Records.queue(recognizer.recognize(
            Records.zset("locktop:sim:lock:queue:{coupon:1}", [("a", 10_000_000_000_000)]), now: Records.now)))
        #expect(queue.resource == "locktop:sim:coupon:1")
        let deadlines = Records.zset("locktop:sim:lock:queue:deadlines:{coupon:1}", [("a", 1)])
        #expect(Records.auxiliary(recognizer.recognize(deadlines, now: Records.now)) != nil)
    }

    @Test func aPriorityQueueListsWaitersInOrder() throws {
        let record = Records.zset("lock:queue:{job}", [("a", 10_000_000_000_000), ("b", 30_000_000_000_001)])
        let queue = try #require(Records.queue(recognizer.recognize(record, now: Records.now)))
        #expect(queue.family == .locktop)
        #expect(queue.resource == "job")
        #expect(queue.waiters.map(\.member) == ["a", "b"])
    }

    @Test(arguments: [
        (Records.string("lock:fence:{job}", "12"), "fencing counter"),
        (Records.string("lock:queue:arrivals:{job}", "3"), "queue arrival counter"),
        (Records.zset("lock:queue:deadlines:{job}", [("a", 1)]), "queue deadlines"),
    ])
    func priorityLockSupportKeysAreAuxiliary(_ record: KeyRecord, _ role: String) throws {
        let auxiliary = try #require(Records.auxiliary(recognizer.recognize(record, now: Records.now)))
        #expect(auxiliary.role == role)
        #expect(auxiliary.family == .locktop)
    }

    @Test func otherLibrariesTokensUnderLockColonAreLeftToThem() {
        for token in [Tokens.pythonRedisLock, Tokens.redsync, Tokens.nodeRedlock, Tokens.uuid4] {
            #expect(recognizer.recognize(Records.string("lock:orders", token), now: Records.now) == nil)
        }
    }

    @Test func aSagasOwnerFieldIsNotAStep() throws {
        let record = Records.hash("saga:order:{42}", [("status", "running"), ("owner", "w1"), ("reserve", "{}"), ("updatedAt", "1")])
        guard case .saga(let saga)? = recognizer.recognize(record, now: Records.now) else {
            Issue.record("not a saga")
            return
        }
        #expect(saga.steps.map(\.name) == ["reserve"])
    }
}

@Suite struct TransactionRecognitionTests {
    @Test func lockKitParticipantsAreReadFromTheirJSONList() throws {
        let record = Records.hash("tx:{t1}", [
            ("state", "prepared"), ("deadline", "1700000000000"),
            ("participants", #"[{"kind":"redis-reservation","parameters":{"key":"acct:a","amount":"10"}}]"#),
        ])
        guard case .transaction(let transaction) = LockKitRecognizer().recognize(record, now: Date()) else {
            Issue.record("not recognised as a transaction")
            return
        }
        #expect(transaction.participants == ["redis-reservation amount=10 key=acct:a"])
        #expect(transaction.state == "prepared")
    }

    @Test func commaSeparatedParticipantsStillWork() throws {
        let record = Records.hash("tx:{t2}", [("state", "committing"), ("participants", "a,b")])
        guard case .transaction(let transaction) = LockKitRecognizer().recognize(record, now: Date()) else {
            Issue.record("not recognised as a transaction")
            return
        }
        #expect(transaction.participants == ["a", "b"])
    }
}

@Suite struct WaiterMemberTests {
    @Test func aBinaryOrLongMemberKeepsItsRawBytesForActions() throws {
        let binary: [UInt8] = [0xFF, 0x00] + Array(repeating: UInt8(ascii: "x"), count: 200)
        let record = KeyRecord(key: Array("lock:queue:{r}".utf8), type: .zset, pttl: -1,
                               value: .zset(members: [ZSetMember(member: binary, score: 1)], count: 1))
        guard case .queue(let queue) = LockKitRecognizer().recognize(record, now: Date()) else {
            Issue.record("not recognised as a queue")
            return
        }
        #expect(queue.waiters.first?.rawMember == binary)
        #expect(queue.waiters.first?.member != String(decoding: binary, as: UTF8.self))
    }
}

@Suite struct LockKitTypedFieldsTests {
    let recognizer = LockKitRecognizer()

    @Test(arguments: [("lock:{coupon:1}", "lock:channel:{coupon:1}"), ("lock:coupon:1", "lock:channel:lock:coupon:1"),
                      ("locktop:sim:lock:{c}", "locktop:sim:lock:channel:{c}")])
    func aLockKnowsItsReleaseChannel(_ key: String, _ channel: String) throws {
        let token = OwnerToken.generate(host: "web-01", pid: 7, now: Records.now).value
        let lock = try #require(Records.lock(recognizer.recognize(Records.string(key, token), now: Records.now)))
        #expect(lock.releaseChannel == ReleaseChannel(name: Array(channel.utf8), message: "released"))
    }

    @Test func theGuidesSimpleLocksHaveNoChannelAndItsSeedLocksUseTheirKey() throws {
        let simple = try #require(Records.lock(recognizer.recognize(Records.string("coupon:issue:7", "locked"), now: Records.now)))
        #expect(simple.releaseChannel == nil)
        let seed = try #require(Records.lock(recognizer.recognize(Records.string("coupon:issue:7", "1700000000000-0.8123"), now: Records.now)))
        #expect(seed.releaseChannel?.name == Array("lock:channel:coupon:issue:7".utf8))
    }

    @Test func aQueueNamesItsSupportKeysAndItsWaitersOwners() throws {
        let token = OwnerToken.generate(host: "web-02", pid: 51, now: Records.now).value
        let record = Records.zset("lock:queue:{job}", [(token, 2e13 + 7)])
        let queue = try #require(Records.queue(recognizer.recognize(record, now: Records.now)))
        #expect(queue.supportKeys == QueueSupportKeys(deadlines: Array("lock:queue:deadlines:{job}".utf8),
                                                      arrivals: Array("lock:queue:arrivals:{job}".utf8)))
        let waiter = try #require(queue.waiters.first)
        #expect(waiter.owner.host == "web-02" && waiter.owner.pid == 51 && waiter.owner.acquiredAt == Records.now)
        #expect(waiter.priority == 2)
    }

    @Test func sagaStepsAreDecodedAndOrderedByTheirIndex() throws {
        let record = Records.hash("saga:order:{42}", [
            ("status", "compensating"),
            ("ship", #"{"attempt":0,"index":2,"state":"pending","updatedAt":1}"#),
            ("charge", #"{"attempt":3,"index":1,"state":"failed","error":"card declined","updatedAt":1}"#),
            ("reserve", #"{"attempt":1,"index":0,"state":"compensated","updatedAt":1}"#),
            ("note", "by hand"),
        ])
        guard case .saga(let saga)? = recognizer.recognize(record, now: Records.now) else {
            Issue.record("not a saga")
            return
        }
        #expect(saga.steps == [SagaStep(name: "reserve", state: "compensated", attempt: 1),
                               SagaStep(name: "charge", state: "failed", attempt: 3, error: "card declined"),
                               SagaStep(name: "ship", state: "pending", attempt: 0),
                               SagaStep(name: "note", state: "by hand")])
        // `list --json` shows the same steps, in the same order.
        let json = try SnapshotReport(Snapshot(takenAt: Records.now, entities: [.saga(saga)], scannedKeys: 1), endpoint: "e", anomalies: []).json()
        #expect(json.contains(#""steps":[{"attempt":1,"name":"reserve","state":"compensated"},{"attempt":3,"error":"card declined","name":"charge","state":"failed"},{"attempt":0,"name":"ship","state":"pending"},{"name":"note","state":"by hand"}]"#), "\(json)")
    }
}
