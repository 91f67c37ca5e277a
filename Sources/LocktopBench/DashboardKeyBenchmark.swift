import Foundation
import LockInspector

/// The dashboard's answer to key presses at a large snapshot: for each key, the time from the
/// press to the frame drawn for it (update and render on the UI thread), and for keys that ask
/// for an order built off the UI thread, the time that build then takes until its frame.
///
/// This target does not depend on the app: the caller's `press` applies a key (a tmux-style
/// name) to its state and renders; `settle` builds what was asked in the background, applies
/// it and renders, and returns how many builds it ran.
public struct DashboardKeyBenchmark: Sendable {
    /// What a run presses, grouped as the figures are reported.
    public static let script: [(group: String, keys: [String])] = [
        ("sort", ["s", "s", "s", "s", "s", "s", "s", "S"]),
        ("filter", ["/", "o", "r", "d", "e", "r", ":", "4", "2", "Enter", "Escape"]),
        ("view switch", ["2", "3", "4", "5", "1"]),
        ("other keys", ["Down", "PageDown", "End", "Home", "Space", "Space", "y", "m", "Enter", "Enter"]),
    ]

    public let locks: Int
    public let rounds: Int

    /// `rounds` runs of the script at `locks` locks.
    public init(locks: Int, rounds: Int) {
        self.locks = locks
        self.rounds = rounds
    }

    /// The snapshot of `locks` LockKit locks the dashboard benchmarks show.
    public static func snapshot(locks: Int) -> Snapshot { BenchSnapshot.locks(locks) }

    public func run(press: (String) -> Void, settle: () -> Int) -> String {
        let clock = ContinuousClock()
        var frames: [String: [Duration]] = [:]
        var builds: [String: [Duration]] = [:]
        for _ in 0..<rounds {
            for (group, keys) in Self.script {
                for key in keys {
                    let pressed = clock.now
                    press(key)
                    frames[group, default: []].append(clock.now - pressed)
                    let started = clock.now
                    if settle() > 0 { builds[group, default: []].append(clock.now - started) }
                }
            }
        }
        let ms = DashboardRenderBenchmark.ms
        let all = frames.values.flatMap { $0 }.sorted()
        let lines = Self.script.map { group, _ in
            let times = (frames[group] ?? []).sorted()
            let built = (builds[group] ?? []).sorted()
            return "    \(group): p50 \(ms(Percentiles.value(times, 0.5))) ms, max \(ms(times.last ?? .zero)) ms"
                + (built.isEmpty ? "" : "; built off the UI thread (\(built.count)): p50 \(ms(Percentiles.value(built, 0.5))) ms, max \(ms(built.last ?? .zero)) ms")
        }
        return """
            P7 key press -> frame at \(locks) locks (\(rounds) rounds of \(Self.script.reduce(0) { $0 + $1.keys.count }) keys, update + render of a 200x50 frame on the UI thread)
              longest of all: \(ms(all.last ?? .zero)) ms (goal <= 16 ms), p50 \(ms(Percentiles.value(all, 0.5))) ms
            \(lines.joined(separator: "\n"))
              (built off the UI thread: from the press until the frame with the new order, the previous one shown meanwhile)
            """
    }
}
