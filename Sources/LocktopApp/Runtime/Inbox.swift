import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The UI loop's mailbox: any thread or task posts messages, the UI thread drains them.
///
/// A self-pipe wakes the UI thread as soon as something is posted, so a feed update is
/// drawn at once instead of after the next key-read timeout.
public final class Inbox: Sendable {
    private let queue = Mutex<[AppMessage]>([])
    private let stopRequested = Atomic<Bool>(false)
    private let wakeReader: Int32
    private let wakeWriter: Int32

    /// An empty inbox with its wake-up pipe.
    public init() {
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            for descriptor in descriptors {
                // Non-blocking both ways: a full pipe already means "wake up", and draining must not wait.
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            }
        }
        wakeReader = descriptors[0]
        wakeWriter = descriptors[1]
    }

    deinit {
        if wakeReader >= 0 { close(wakeReader) }
        if wakeWriter >= 0 { close(wakeWriter) }
    }

    /// Queues `message` for the UI loop and wakes it.
    public func post(_ message: AppMessage) {
        let wasEmpty = queue.withLock { messages in
            messages.append(message)
            return messages.count == 1
        }
        if wasEmpty { wake() }
    }

    /// Asks the UI loop to end (as if the user had quit), from any thread.
    public func requestStop() {
        stopRequested.store(true, ordering: .sequentiallyConsistent)
        wake()
    }

    /// Whether `requestStop()` was called.
    public var isStopRequested: Bool { stopRequested.load(ordering: .sequentiallyConsistent) }

    /// Takes every queued message, oldest first; of several snapshots only the newest is kept.
    public func drain() -> [AppMessage] {
        var byte: UInt8 = 0
        while wakeReader >= 0, read(wakeReader, &byte, 1) > 0 {}
        let messages = queue.withLock { messages in
            defer { messages.removeAll(keepingCapacity: true) }
            return messages
        }
        return Self.droppingSupersededSnapshots(messages)
    }

    /// Blocks the calling (UI) thread until a message is posted, `descriptor` is readable, or `timeout` passes.
    public func wait(orReadable descriptor: Int32?, timeout: Duration) {
        if queue.withLock({ !$0.isEmpty }) || isStopRequested { return }
        var descriptors = [pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0)]
        if let descriptor { descriptors.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
        let milliseconds = Int32(max(0, min(Double(Int32.max), (timeout / .milliseconds(1)).rounded(.up))))
        // EINTR (e.g. SIGWINCH) just ends the wait early: the loop reads the resize next.
        _ = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
    }

    private func wake() {
        var byte: UInt8 = 1
        if wakeWriter >= 0 { _ = write(wakeWriter, &byte, 1) }
    }

    /// A snapshot is the whole keyspace: an older one in the same batch would only be drawn over.
    static func droppingSupersededSnapshots(_ messages: [AppMessage]) -> [AppMessage] {
        guard let last = messages.lastIndex(where: Self.isSnapshot) else { return messages }
        return messages.enumerated().filter { index, message in index == last || !isSnapshot(message) }.map(\.element)
    }

    private static func isSnapshot(_ message: AppMessage) -> Bool {
        if case .feed(.snapshot) = message { return true }
        return false
    }
}
