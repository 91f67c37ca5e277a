/// A message received on a subscribed channel or pattern.
public struct PubSubMessage: Sendable, Hashable {
    public let channel: [UInt8]
    /// The pattern that matched, for PSUBSCRIBE deliveries.
    public let pattern: [UInt8]?
    public let payload: [UInt8]

    public init(channel: [UInt8], pattern: [UInt8]?, payload: [UInt8]) {
        self.channel = channel
        self.pattern = pattern
        self.payload = payload
    }

    public var channelName: String { String(decoding: channel, as: UTF8.self) }
    public var payloadText: String { String(decoding: payload, as: UTF8.self) }
}

/// What a `Subscriber` reports: messages, and the connection coming and going.
public enum SubscriberEvent: Sendable, Equatable {
    case message(PubSubMessage)
    /// The connection was lost; messages published until `.resubscribed` are missed.
    case disconnected(RedisError)
    /// Connected again and every channel and pattern is subscribed again.
    case resubscribed
}
