import LockKit
import Testing

@Suite struct KeySchemaLookupTests {
    /// Every name each layout makes, with the role and resource the lookup must give back.
    static func names(_ schema: KeySchema) -> [(String, KeySchema.Role, String, String)] {
        [(schema.lock("coupon:1"), .lock, "coupon:1", ""), (schema.releaseChannel("coupon:1"), .releaseChannel, "coupon:1", ""),
         (schema.queue("job:a"), .queue, "job:a", ""), (schema.queueDeadlines("job:a"), .queueDeadlines, "job:a", ""),
         (schema.queueArrivals("job:a"), .queueArrivals, "job:a", ""), (schema.fence("f"), .fence, "f", ""),
         (schema.transaction("t1"), .transaction, "t1", ""), (schema.transactionPrepare("t1", participant: 2), .transactionPrepare, "t1", ""),
         (schema.events("order", "42"), .events, "42", "order"), (schema.checkpoint("order", "42"), .checkpoint, "42", "order"),
         (schema.saga("order", "42"), .saga, "42", "order"),
         (schema.readWriteLock("doc:7"), .readWriteLock, "doc:7", ""), (schema.readWriteChannel("doc:7"), .readWriteChannel, "doc:7", ""),
         (schema.semaphore("pool"), .semaphore, "pool", ""), (schema.semaphoreChannel("pool"), .semaphoreChannel, "pool", "")]
    }

    @Test(arguments: [KeySchema.default, .guide, .simulation])
    func everyNameALayoutMakesIsFoundAgainWithItsRoleAndResource(_ schema: KeySchema) throws {
        for (name, role, resource, aggregate) in Self.names(schema) {
            let place = try #require(KeySchema.place(of: name), "\(name)")
            #expect(place.role == role, "\(name)")
            #expect(place.resource == resource, "\(name)")
            #expect(place.name == aggregate, "\(name)")
            #expect(place.schema == schema, "\(name)")
        }
    }

    @Test(arguments: ["orders:42", "lock:", "lock:{}", "tx:", "saga:order", "events:", "mylock", "lock:queue:{a}x"])
    func namesNoLayoutMakesAreNotPlacedAsTheirRole(_ name: String) {
        let place = KeySchema.place(of: name)
        // `lock:queue:{a}x` is no tagged queue; the guide's layout reads it as nothing either.
        #expect(place == nil || place?.role == .lock && name.hasPrefix("lock:") && place?.schema == .guide && name != "lock:queue:{a}x",
                "\(name): \(String(describing: place))")
    }

    @Test func aGuideLockIsNeverReadAsTheLockOnAQueueOrChannel() {
        #expect(KeySchema.place(of: "lock:queue:lock:job")?.role == .queue)
        #expect(KeySchema.place(of: "lock:channel:lock:job")?.role == .releaseChannel)
        #expect(KeySchema.place(of: "lock:job")?.role == .lock)
        #expect(KeySchema.place(of: "lock:queue:job") == nil)
    }
}
