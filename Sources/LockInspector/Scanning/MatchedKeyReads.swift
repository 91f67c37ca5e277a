import Foundation
import RedisClient
import Synchronization

/// Reads and classifies the keys a SCAN pass finds, in batches, while the pass goes on.
///
/// `add` is called on the scanning connection's thread for every page and must return at
/// once (the next SCAN is already waiting for its reply to be read): it only starts a read
/// task on the reader's own connection when a batch is full. `finish` waits for all of them.
final class MatchedKeyReads: Sendable {
    /// Totals so far, for progress reports.
    struct Tally: Sendable {
        var scanned = 0
        var matched = 0
    }

    private struct State {
        var tally = Tally()
        var waiting: [[UInt8]] = []
        var reads: [Task<[Entity], any Error>] = []
    }

    private let classifier: KeyClassifier
    private let batchSize: Int
    private let now: Date
    private let state = Mutex(State())
    /// Entities classified since `takeFound` last ran, while streaming (the first scan shows
    /// them as they come); nil when not streaming, so nothing piles up.
    private let found: Mutex<[Entity]?>

    init(classifier: KeyClassifier, batchSize: Int = 256, now: Date, streams: Bool = false) {
        found = Mutex(streams ? [] : nil)
        self.classifier = classifier
        self.batchSize = max(1, batchSize)
        self.now = now
    }

    var tally: Tally { state.withLock { $0.tally } }

    /// Takes one page's matching keys; starts a read when a batch is full (`finish` reads the rest).
    func add(_ page: ScanPage) -> Tally {
        state.withLock { state in
            state.tally.scanned += page.returned
            state.tally.matched += page.keys.count
            state.waiting += page.keys
            if state.waiting.count >= batchSize {
                state.reads.append(read(state.waiting))
                state.waiting.removeAll(keepingCapacity: true)
            }
            return state.tally
        }
    }

    /// Every key read and classified, once the pass has delivered its last page, one array per
    /// kind as the snapshot keeps them; a key that SCAN returned twice keeps its later reading.
    /// Locks unchanged since `previous` share its strings.
    func finish(sharingWith previous: Snapshot) async throws(RedisError) -> SortedEntities {
        let reads = state.withLock { state in
            if !state.waiting.isEmpty { state.reads.append(read(state.waiting)) }
            state.waiting = []
            defer { state.reads = [] }
            return state.reads
        }
        var entities = SortedEntities()
        entities.reserve(like: previous)
        for read in reads {
            for entity in try await Self.value(of: read, endpoint: classifier.reader.connection.endpoint.description) {
                entities.append(previous.sharingStorage(entity))
            }
        }
        return entities
    }

    /// Stops the reads still running (after the pass failed).
    func cancel() {
        for read in state.withLock({ $0.reads }) { read.cancel() }
    }

    /// The entities classified since the last call (only when streaming).
    func takeFound() -> [Entity] {
        found.withLock { found in
            defer { if found != nil { found = [] } }
            return found ?? []
        }
    }

    /// Stops keeping entities for `takeFound`.
    func endStreaming() {
        found.withLock { $0 = nil }
    }

    private func read(_ keys: [[UInt8]]) -> Task<[Entity], any Error> {
        Task { [classifier, now, self] in
            let entities = try await classifier.classify(keys, likelyStrings: true, now: now)
            found.withLock { $0?.append(contentsOf: entities) }
            return entities
        }
    }

    private static func value<T>(of task: Task<T, any Error>, endpoint: String) async throws(RedisError) -> T {
        do {
            return try await task.value
        } catch let error as RedisError {
            throw error
        } catch {
            throw RedisError.closed(endpoint: endpoint, command: "read keys")
        }
    }
}
