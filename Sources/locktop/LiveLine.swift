import Foundation
import LockInspector
import Synchronization

/// The simulation's live line on standard error: redrawn in place on a terminal, one line
/// per report otherwise (a log stays readable).
final class LiveLine: Sendable {
    private let onTerminal = isatty(STDERR_FILENO) == 1
    private let drawn = Mutex(false)

    func show(_ report: SimulationReport) {
        let text = report.liveLine
        drawn.withLock { drawn in
            drawn = true
            write(onTerminal ? "\r\u{1B}[K" + text : text + "\n")
        }
    }

    /// Ends the line in place so the next output starts on a fresh one.
    func finish() {
        drawn.withLock { drawn in
            if drawn && onTerminal { write("\n") }
            drawn = false
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
