/// Where a row's data lives: a position in the snapshot's sorted arrays or in the event list.
///
/// Views keep their filtered, sorted order as these (a few bytes per row) and build a
/// `ListedRow` only for the rows on screen: a view may hold 100,000 rows.
/// Positions are only meaningful for the snapshot and events they were taken from.
enum RowSource: Sendable, Hashable {
    /// `snapshot.locks[index]`.
    case lock(Int)
    /// `snapshot.queues[queue]` and its waiter `waiter`; nil for the row of an empty queue.
    case waiter(queue: Int, waiter: Int?)
    /// `snapshot.sagas[index]`.
    case saga(Int)
    /// `snapshot.transactions[index]`.
    case transaction(Int)
    /// `snapshot.streams[stream]` and its entry `entry`; nil for the row of an empty stream.
    case streamEntry(stream: Int, entry: Int?)
    /// `events[index]`.
    case event(Int)
    /// `redlock.locks[index]`.
    case redlock(Int)
}
