import Foundation
import LockInspector

/// P6: how long one full dashboard frame takes to render from a very large snapshot, and how
/// much memory the process holds meanwhile.
///
/// This target does not depend on the app, so the caller passes the app's own state building
/// and render (see `locktop bench dashboard`).
public struct DashboardRenderBenchmark: Sendable {
    public let locks: Int
    public let renders: Int

    /// A run over a snapshot of `locks` locks, rendered `renders` times.
    public init(locks: Int, renders: Int) {
        self.locks = locks
        self.renders = renders
    }

    /// Builds the snapshot and the state (`makeState`), then times `render(state)` `renders` times.
    public func run<State>(makeState: (Snapshot) -> State, render: (State) -> Void) -> String {
        let baseline = ProcessMemory.residentBytes()
        let snapshot = BenchSnapshot.locks(locks)
        let state = makeState(snapshot)
        let holding = ProcessMemory.residentBytes()
        render(state)  // warm-up: first-use costs (allocations, caches) are not per-frame costs
        let clock = ContinuousClock()
        var samples: [Duration] = []
        samples.reserveCapacity(renders)
        for _ in 0..<renders {
            let started = clock.now
            render(state)
            samples.append(clock.now - started)
        }
        let resident = ProcessMemory.residentBytes()
        withExtendedLifetime((snapshot, state)) {}
        let sorted = samples.sorted()
        return """
            P6 render: \(locks) locks, \(renders) renders of a full frame
              render p50 \(Self.ms(Percentiles.value(sorted, 0.50))) ms, p99 \(Self.ms(Percentiles.value(sorted, 0.99))) ms, \
            max \(Self.ms(sorted.last ?? .zero)) ms (goal p99 <= 2 ms)
              RSS holding the state: \(Self.megabytes(holding)) MB, after the renders: \(Self.megabytes(resident)) MB \
            (before building it: \(Self.megabytes(baseline)) MB; goal <= 64 MB)
            """
    }

    static func ms(_ duration: Duration) -> String { String(format: "%.3f", duration.seconds * 1000) }

    static func megabytes(_ bytes: Int?) -> String {
        bytes.map { String(format: "%.1f", Double($0) / 1_048_576) } ?? "?"
    }
}

/// Percentiles of sorted samples, nearest rank.
enum Percentiles {
    static func value(_ sorted: [Duration], _ fraction: Double) -> Duration {
        guard !sorted.isEmpty else { return .zero }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(sorted.count - 1, max(0, rank))]
    }
}

/// The process's own memory use.
enum ProcessMemory {
    /// VmRSS from /proc/self/status, in bytes; nil where there is no /proc.
    static func residentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let number = line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
            return number.map { $0 * 1024 }
        }
        return nil
    }
}
