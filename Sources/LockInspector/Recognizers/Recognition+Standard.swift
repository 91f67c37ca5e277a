extension Recognition {
    /// Every family locktop knows, most specific first (see `standardOrder` for the rules).
    public static let standard = Recognition(recognizers: standardOrder)

    /// Claims on specific evidence come first (a prefix, a value layout, companion keys), then
    /// the token shapes that claim a string under any name (`ShapeRecognizer`).
    ///
    /// Collisions and who wins:
    /// - Redisson first: it claims hashes by their fields, under any name, and its own
    ///   `redisson_*` keys; no other family writes `<uuid36>:<threadId>` hash fields.
    /// - python-redis-lock, walrus, then LockKit: all claim `lock:<name>` strings, but a
    ///   24-character unpadded base64 token (python-redis-lock) or 32 raw bytes (walrus) is never
    ///   one of LockKit's or the guide's (those are text containing `-`, or `locked`).
    /// - pottery (`redlock:`), redis-semaphore (`mutex:`) both hold UUID v4s: the prefix decides;
    ///   a UUID under any other name is `token:uuid`.
    /// - redis-py (uuid4 hex since 8.2, uuid1 hex before), valkey-py (uuid1 hex), node-redlock
    ///   (random hex) and many others write 32 hex digits under the name as given: nothing tells
    ///   them apart, so they are `token:32hex`. Likewise redsync's base64 of 16 bytes, which any
    ///   `b64encode(urandom(16))` also writes, is `token:base64`.
    static var standardOrder: [any Recognizer] {
        [
            RedissonRecognizer(),
            BullMQRecognizer(),
            PythonRedisLockRecognizer(),
            WalrusRecognizer(),
            PylockRecognizer(),
            LockKitRecognizer(),
            PotteryRecognizer(),
            RedisSemaphoreRecognizer(),
            LaravelRecognizer(),
            ShapeRecognizer(),
        ]
    }
}
