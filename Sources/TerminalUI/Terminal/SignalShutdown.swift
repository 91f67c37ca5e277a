import Foundation
import Synchronization

/// Work that must still run when Ctrl-C or SIGTERM ends a process showing a curses screen,
/// after the terminal is given back and before the process dies of the signal: for example
/// putting back a server setting the operator asked to change.
///
/// The signal handler only writes the signal's number to a pipe; a thread of its own runs the
/// tasks (each bounded by `limit`), then lets the signal end the process. A second signal
/// while they run ends it at once.
public enum SignalShutdown {
    /// Removes its task when cancelled.
    public final class Registration: Sendable {
        fileprivate let id: Int
        fileprivate init(id: Int) { self.id = id }
        /// The task is no longer wanted (it was done another way).
        public func cancel() { SignalShutdown.tasks.withLock { _ = $0.removeValue(forKey: id) } }
    }

    /// Longest the tasks may take together once a signal came.
    public static let limit: Duration = .seconds(3)

    /// Runs `task` if SIGINT or SIGTERM ends the process while the registration lives on.
    public static func register(_ task: @escaping @Sendable () async -> Void) -> Registration {
        startWatcherOnce()
        let id = nextID.add(1, ordering: .relaxed).newValue
        tasks.withLock { $0[id] = task }
        pending.store(true, ordering: .sequentiallyConsistent)
        return Registration(id: id)
    }

    /// Called from the signal handler: true if the tasks will run and then end the process,
    /// false if there are none (the caller ends it).
    static func handOver(signal number: Int32) -> Bool {
        guard pending.load(ordering: .sequentiallyConsistent), !dying.exchange(true, ordering: .sequentiallyConsistent) else { return false }
        var byte = UInt8(truncatingIfNeeded: number)
        return write(pipeEnds.writer, &byte, 1) == 1
    }

    private static let tasks = Mutex<[Int: @Sendable () async -> Void]>([:])
    private static let nextID = Atomic<Int>(0)
    private static let pending = Atomic<Bool>(false)
    private static let dying = Atomic<Bool>(false)
    private static let watcherStarted = Atomic<Bool>(false)
    private static let pipeEnds: (reader: Int32, writer: Int32) = {
        var ends: [Int32] = [-1, -1]
        _ = pipe(&ends)
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }()

    private static func startWatcherOnce() {
        _ = pipeEnds
        guard !watcherStarted.exchange(true, ordering: .sequentiallyConsistent) else { return }
        let thread = Thread {
            var byte: UInt8 = 0
            while read(pipeEnds.reader, &byte, 1) < 0 && errno == EINTR {}
            runTasksThenDie(signal: Int32(byte))
        }
        thread.name = "locktop signal shutdown"
        thread.start()
    }

    private static func runTasksThenDie(signal number: Int32) {
        let work = tasks.withLock { Array($0.values) }
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            for task in work { await task() }
            done.signal()
        }
        _ = done.wait(timeout: .now() + .milliseconds(Int(limit.components.seconds * 1000)))
        signal(number, SIG_DFL)
        raise(number)
    }
}
