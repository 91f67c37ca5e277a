import LockKit
import Testing

@Suite struct KeySchemaTests {
    @Test func theSimulationNamespacePrefixesEveryKeyAndChannel() {
        let schema = KeySchema.simulation
        let names = [schema.lock("a"), schema.releaseChannel("a"), schema.queue("a"), schema.queueDeadlines("a"),
                     schema.queueArrivals("a"), schema.fence("a"), schema.transaction("t"),
                     schema.transactionPrepare("t", participant: 0), schema.events("order", "1"),
                     schema.checkpoint("order", "1"), schema.saga("order", "1")]
        #expect(names.allSatisfy { $0.hasPrefix("locktop:sim:") })
        #expect(schema.lock("coupon:123") == "locktop:sim:lock:{coupon:123}")
    }

    @Test func theDefaultSchemaHasNoNamespace() {
        #expect(KeySchema.default.lock("coupon:123") == "lock:{coupon:123}")
        #expect(KeySchema.guide.queue("coupon:123") == "lock:queue:lock:coupon:123")
    }
}
