import RedisClient
import TestSupport
import Testing

@Suite struct SubscriberTests {
    /// The next message event, skipping connection events.
    private func nextMessage(_ events: inout AsyncStream<SubscriberEvent>.Iterator) async -> PubSubMessage? {
        while let event = await events.next() {
            if case .message(let message) = event { return message }
        }
        return nil
    }

    @Test func receivesChannelAndPatternMessages() async throws {
        let server = try await RedisServer.start()
        let subscriber = try Subscriber(endpoint: server.endpoint)
        try await subscriber.subscribe(["lock:channel:{a}"])
        try await subscriber.psubscribe(["lock:channel:*"])
        let publisher = try await server.connect()
        #expect(try await publisher.send("PUBLISH", "lock:channel:{a}", "released") == .integer(2))

        var events = subscriber.events.makeAsyncIterator()
        var seen: [(String, String?, String)] = []
        for _ in 0..<2 {
            if let message = await nextMessage(&events) {
                seen.append((message.channelName, message.pattern.map { String(decoding: $0, as: UTF8.self) }, message.payloadText))
            }
        }
        #expect(seen.count == 2)
        #expect(seen.allSatisfy { $0.0 == "lock:channel:{a}" && $0.2 == "released" })
        #expect(seen.contains { $0.1 == "lock:channel:*" })
        #expect(seen.contains { $0.1 == nil })
        subscriber.stop()
        await server.stop()
    }

    @Test func binaryPayloadArrivesIntact() async throws {
        let server = try await RedisServer.start(transport: .unixSocket)
        let subscriber = try Subscriber(endpoint: server.endpoint)
        try await subscriber.subscribe(["bin"])
        let payload = Array(UInt8.min...UInt8.max)
        try await server.connect().send("PUBLISH", "bin", payload)
        var events = subscriber.events.makeAsyncIterator()
        #expect(await nextMessage(&events)?.payload == payload)
        subscriber.stop()
        await server.stop()
    }

    @Test func resubscribesByItselfAfterServerRestart() async throws {
        let server = try await RedisServer.start()
        let options = RedisConnectionOptions(reconnect: ReconnectPolicy(initialDelay: .milliseconds(20), maximumDelay: .milliseconds(200)))
        let subscriber = try Subscriber(endpoint: server.endpoint, options: options)
        try await subscriber.subscribe(["news"])
        try await subscriber.psubscribe(["weather:*"])
        var events = subscriber.events.makeAsyncIterator()

        try await server.connect().send("PUBLISH", "news", "before")
        #expect(await nextMessage(&events)?.payloadText == "before")

        try await server.restart()
        var sawDisconnect = false
        while let event = await events.next() {
            if case .disconnected = event { sawDisconnect = true }
            if event == .resubscribed { break }
        }
        #expect(sawDisconnect)

        let publisher = try await server.connect()
        #expect(try await publisher.send("PUBLISH", "news", "after") == .integer(1))
        #expect(try await publisher.send("PUBLISH", "weather:seoul", "rain") == .integer(1))
        #expect(await nextMessage(&events)?.payloadText == "after")
        #expect(await nextMessage(&events)?.channelName == "weather:seoul")
        subscriber.stop()
        await server.stop()
    }

    @Test func unsubscribeStopsDelivery() async throws {
        let server = try await RedisServer.start()
        let subscriber = try Subscriber(endpoint: server.endpoint)
        try await subscriber.subscribe(["a", "b"])
        try await subscriber.unsubscribe(["a"])
        let publisher = try await server.connect()
        // PUBSUB NUMSUB is the server's own view: no guessing about timing.
        var numsub = try await publisher.send("PUBSUB", "NUMSUB", "a", "b")
        while numsub.array?[1].int != 0 { numsub = try await publisher.send("PUBSUB", "NUMSUB", "a", "b") }
        #expect(numsub.array?[3].int == 1)
        subscriber.stop()
        await server.stop()
    }

    @Test func stopFinishesTheEventStream() async throws {
        let server = try await RedisServer.start()
        let subscriber = try Subscriber(endpoint: server.endpoint)
        try await subscriber.subscribe(["x"])
        subscriber.stop()
        var events = subscriber.events.makeAsyncIterator()
        while await events.next() != nil {}
        await #expect(throws: RedisError.self) { try await subscriber.subscribe(["y"]) }
        await server.stop()
    }

    @Test func handlerReceivesEventsInsteadOfTheStream() async throws {
        let server = try await RedisServer.start()
        let (received, continuation) = AsyncStream.makeStream(of: String.self)
        let subscriber = try Subscriber(endpoint: server.endpoint) { event in
            if case .message(let message) = event { continuation.yield(message.payloadText) }
        }
        try await subscriber.subscribe(["h"])
        try await server.connect().send("PUBLISH", "h", "hello")
        var iterator = received.makeAsyncIterator()
        #expect(await iterator.next() == "hello")
        subscriber.stop()
        var events = subscriber.events.makeAsyncIterator()
        #expect(await events.next() == nil)
        await server.stop()
    }
}
