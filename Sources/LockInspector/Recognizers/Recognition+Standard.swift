extension Recognition {
    /// Every family locktop knows, most specific first (see `standardOrder` for the rules).
    public static let standard = Recognition(recognizers: standardOrder)

    /// Name-and-shape claims come first, then the shapes that claim a string under any name.
    ///
    /// Collisions and who wins:
    /// - Redisson first: it claims hashes by their fields, under any name, and its own
    ///   `redisson_*` keys; no other family writes `<uuid36>:<threadId>` hash fields.
    /// - python-redis-lock before LockKit: both claim `lock:<name>` strings, but a 24-character
    ///   unpadded base64 token is never one of LockKit's or the guide's (those contain `-`).
    /// - redis-py before node-redlock: both write 32 hex digits under any name; a token that
    ///   decodes as a plausible uuid1 is redis-py's, any other node-redlock's (both check it).
    /// - redsync vs python-redis-lock: both 24 base64 characters; redsync's end in `==`.
    /// - pottery (`redlock:`), redis-semaphore (`mutex:`) both hold UUID v4s: the prefix decides;
    ///   a UUID v4 under any other name is nobody's and stays unknown.
    static var standardOrder: [any Recognizer] {
        [
            RedissonRecognizer(),
            BullMQRecognizer(),
            PythonRedisLockRecognizer(),
            LockKitRecognizer(),
            PotteryRecognizer(),
            RedisSemaphoreRecognizer(),
            LaravelRecognizer(),
            RedisPyLockRecognizer(),
            NodeRedlockRecognizer(),
            RedsyncRecognizer(),
        ]
    }
}
