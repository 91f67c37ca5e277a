import Foundation
#if canImport(Glibc)
import Glibc
#endif
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

    /// Builds the snapshot and the state (`makeState`, which applies the snapshot as the app
    /// does), then times `render(state)` `renders` times and `tick(&state)` (one clock message
    /// through the app's update) as often, and `nextSort(&state)` (the `s` key) once per column.
    public func run<State>(makeState: (Snapshot) -> State, tick: (inout State) -> Void, nextSort: (inout State) -> Void,
                           columns: Int, render: (State) -> Void) -> String {
        let clock = ContinuousClock()
        let baseline = ProcessMemory.residentBytes()
        let snapshot = BenchSnapshot.locks(locks)
        let built = clock.now
        var state = makeState(snapshot)
        let applying = clock.now - built
        let holding = ProcessMemory.residentBytes()
        render(state)  // warm-up: first-use costs (allocations, caches) are not per-frame costs
        var samples: [Duration] = []
        var ticks: [Duration] = []
        samples.reserveCapacity(renders)
        ticks.reserveCapacity(renders)
        for _ in 0..<renders {
            var started = clock.now
            tick(&state)
            ticks.append(clock.now - started)
            started = clock.now
            render(state)
            samples.append(clock.now - started)
        }
        var sorted = state
        var sorts: [Duration] = []
        for _ in 0..<columns {
            let started = clock.now
            nextSort(&sorted)
            sorts.append(clock.now - started)
        }
        withExtendedLifetime(sorted) {}
        let resident = ProcessMemory.residentBytes()
        let trimStart = clock.now
        let trimmed = ProcessMemory.residentAfterTrim()
        let trimming = clock.now - trimStart
        withExtendedLifetime((snapshot, state)) {}
        let renderTimes = samples.sorted()
        let sortedTicks = ticks.sorted()
        return """
            P6 render: \(locks) locks, \(renders) renders of a full frame
              render p50 \(Self.ms(Percentiles.value(renderTimes, 0.50))) ms, p99 \(Self.ms(Percentiles.value(renderTimes, 0.99))) ms, \
            max \(Self.ms(renderTimes.last ?? .zero)) ms (goal p99 <= 2 ms)
              update for a tick: p50 \(Self.ms(Percentiles.value(sortedTicks, 0.50))) ms, p99 \(Self.ms(Percentiles.value(sortedTicks, 0.99))) ms; \
            applying the snapshot: \(Self.ms(applying)) ms; \
            sorting by each of \(columns) columns: \(sorts.map { Self.ms($0) }.joined(separator: ", ")) ms
              RSS holding the state: \(Self.megabytes(holding)) MB, after the renders: \(Self.megabytes(resident)) MB, \
            after malloc_trim (\(Self.ms(trimming)) ms): \(Self.megabytes(trimmed)) MB (before building it: \(Self.megabytes(baseline)) MB; goal <= 64 MB)
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

/// Memory of this process or another one, from /proc.
enum ProcessMemory {
    /// VmRSS (resident now) and VmHWM (the most ever resident), in bytes; nil where unknown.
    struct Status: Sendable {
        var resident: Int?
        var peak: Int?
        /// The part of `resident` that is the process's own memory (heap, stacks).
        var anonymous: Int?
        /// The part of `resident` that is mapped files: the binary and shared libraries.
        var files: Int?
    }

    /// VmRSS from /proc/self/status, in bytes; nil where there is no /proc.
    static func residentBytes() -> Int? {
        status(ofFile: "/proc/self/status").resident
    }

    /// The status of process `pid`.
    static func status(of pid: Int32) -> Status {
        status(ofFile: "/proc/\(pid)/status")
    }

    /// VmRSS after glibc's `malloc_trim` gave freed memory back: what the process really
    /// holds, next to RSS (which also counts freed memory malloc keeps for later).
    static func residentAfterTrim() -> Int? {
        #if canImport(Glibc)
        // malloc.h is not part of the Glibc module: look the function up.
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        return residentBytes()
        #else
        return nil
        #endif
    }

    private static func status(ofFile path: String) -> Status {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return Status() }
        var status = Status()
        for line in text.split(separator: "\n") {
            let number = line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
            if line.hasPrefix("VmRSS:") { status.resident = number }
            if line.hasPrefix("VmHWM:") { status.peak = number }
            if line.hasPrefix("RssAnon:") { status.anonymous = number }
            if line.hasPrefix("RssFile:") { status.files = number }
        }
        return status
    }
}
