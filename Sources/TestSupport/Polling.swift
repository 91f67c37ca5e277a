/// Waiting for something another process or server does, where no event announces it: ask
/// again every `interval` until `condition` holds, for at most `timeout` (only a guard against
/// a hang: a loaded machine can stall a test process for many seconds).
public enum Polling {
    /// Nothing happened in time; says what was awaited.
    public struct Timeout: Error, CustomStringConvertible {
        public let description: String
    }

    public static func until(_ what: String, timeout: Duration = .seconds(60), every interval: Duration = .milliseconds(50),
                             _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw Timeout(description: "never happened within \(timeout): \(what)") }
            try await Task.sleep(for: interval)
        }
    }
}
