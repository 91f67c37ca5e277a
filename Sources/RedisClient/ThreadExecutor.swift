import DequeModule
import Foundation
import Synchronization

/// A serial executor that runs its jobs on one dedicated thread, so that blocking calls made
/// by the actor or task it backs never occupy Swift's small cooperative pool.
///
/// `@unchecked Sendable`: the job queue and the stop flag are only touched under `condition`.
public final class ThreadExecutor: SerialExecutor, TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs = Deque<UnownedJob>()
    private var stopping = false
    private let enqueued = Atomic<Int>(0)
    public let name: String

    /// Jobs handed to this thread so far: every hop onto it is one, so a test can tell how
    /// many hops a call costs.
    public var jobsEnqueued: Int { enqueued.load(ordering: .relaxed) }

    /// Starts the thread; it runs until `shutdown()`.
    public init(name: String) {
        self.name = name
        let thread = Thread { [self] in self.run() }
        thread.name = name
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        enqueued.add(1, ordering: .relaxed)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets the thread finish the jobs already queued, then exit.
    public func shutdown() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty && stopping {
                condition.unlock()
                return
            }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch {
                job.runSynchronously(isolatedTo: asUnownedSerialExecutor(), taskExecutor: asUnownedTaskExecutor())
            }
        }
    }
}
