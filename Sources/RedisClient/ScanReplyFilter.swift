import CHiredis

/// Builds SCAN replies straight from hiredis's read buffer instead of as `redisReply` trees.
///
/// hiredis lets a reader use its own reply-object functions; these see each element's bytes
/// in the read buffer while the reply is still arriving. So the cursor is known from the
/// first bytes of a reply (the next SCAN can leave before the keys are parsed), and a key
/// that matches no pattern is never copied or allocated: a million-key pass copies only the
/// keys that matter.
///
/// One filter reads one reply at a time on its connection's thread (`beginReply()` between
/// replies); hiredis reaches it through the reader's `privdata`.
final class ScanReplyFilter {
    private let keep: (UnsafeRawBufferPointer) -> Bool
    /// The cursor element, once parsed.
    private(set) var cursor: [UInt8]?
    /// How many keys the server returned in this reply.
    private(set) var returned = 0
    /// The returned keys that `keep` accepted, in reply order.
    private(set) var kept: [[UInt8]] = []
    /// Every returned key, when `recordsEveryKey` said so at the cursor.
    private(set) var everyKey: [[UInt8]] = []
    /// The text of an error reply (`-ERR ...`) instead of a page.
    private(set) var errorReply: String?
    private var recordsEveryKey: ([UInt8]) -> Bool = { _ in false }
    private var recording = false
    private var rootElements = -1
    private var sawKeys = false
    private var malformed = false

    init(keep: @escaping (UnsafeRawBufferPointer) -> Bool) {
        self.keep = keep
    }

    /// Forgets the previous reply. `recordsEveryKey` is asked when the cursor arrives
    /// whether to copy every returned key of this reply too, not only the kept ones.
    func beginReply(recordsEveryKey: @escaping ([UInt8]) -> Bool = { _ in false }) {
        self.recordsEveryKey = recordsEveryKey
        recording = false
        cursor = nil
        returned = 0
        kept = []
        everyKey = []
        errorReply = nil
        rootElements = -1
        sawKeys = false
        malformed = false
    }

    /// `true` once a whole reply had the shape `[cursor, [key, ...]]`.
    var isPage: Bool { !malformed && rootElements == 2 && cursor != nil && sawKeys }

    /// Hands over the kept keys of this reply.
    func takeKept() -> [[UInt8]] {
        defer { kept = [] }
        return kept
    }

    /// Hands over every returned key, if they were recorded.
    func takeEveryKey() -> [[UInt8]] {
        defer { everyKey = [] }
        return everyKey
    }

    // MARK: - Elements as hiredis reports them

    /// Where an element sits in a `[cursor, [keys]]` reply.
    private enum Position {
        case root
        case cursor
        case keyList
        case key
        case elsewhere
    }

    private static func position(of task: redisReadTask) -> Position {
        guard let parent = task.parent else { return .root }
        guard let grandparent = parent.pointee.parent else { return task.idx == 0 ? .cursor : task.idx == 1 ? .keyList : .elsewhere }
        return grandparent.pointee.parent == nil && parent.pointee.idx == 1 ? .key : .elsewhere
    }

    fileprivate func string(_ task: redisReadTask, _ bytes: UnsafeRawBufferPointer) {
        switch Self.position(of: task) {
        case .root where task.type == REDIS_REPLY_ERROR:
            errorReply = String(decoding: bytes, as: UTF8.self)
        case .cursor where task.type == REDIS_REPLY_STRING:
            let cursor = Array(bytes)
            self.cursor = cursor
            recording = recordsEveryKey(cursor)
        case .key:
            // Non-string elements in the key list are skipped, as `returned` still counts them.
            guard task.type == REDIS_REPLY_STRING else { return }
            if keep(bytes) { kept.append(Array(bytes)) }
            if recording { everyKey.append(Array(bytes)) }
        default:
            malformed = true
        }
    }

    fileprivate func array(_ task: redisReadTask, _ elements: Int) {
        switch Self.position(of: task) {
        case .root: rootElements = elements
        case .keyList:
            returned = max(0, elements)
            sawKeys = true
        default: malformed = true
        }
    }

    fileprivate func scalar(_ task: redisReadTask) {
        if Self.position(of: task) != .key { malformed = true }
    }

    // MARK: - The reader's function table

    /// The function table hiredis calls while this filter is the reader's `privdata`.
    ///
    /// `nonisolated(unsafe)`: written once when first used and never changed; hiredis only
    /// reads it. It is never freed, so a context dropped mid-reply (after a timeout) can
    /// still call its no-op `freeObject` safely.
    nonisolated(unsafe) static let functions: UnsafeMutablePointer<redisReplyObjectFunctions> = {
        let table = UnsafeMutablePointer<redisReplyObjectFunctions>.allocate(capacity: 1)
        table.initialize(to: redisReplyObjectFunctions(
            createString: { task, text, length in
                ScanReplyFilter.with(task) { filter, task in filter.string(task, UnsafeRawBufferPointer(start: text, count: length)) }
            },
            createArray: { task, elements in
                ScanReplyFilter.with(task) { filter, task in filter.array(task, Int(elements)) }
            },
            createInteger: { task, _ in
                ScanReplyFilter.with(task) { filter, task in filter.scalar(task) }
            },
            createNil: { task in
                ScanReplyFilter.with(task) { filter, task in filter.scalar(task) }
            },
            // Nothing was allocated per element, so there is nothing to free.
            freeObject: { _ in }
        ))
        return table
    }()

    /// What the functions return for every element: hiredis needs a non-null object (null
    /// means out of memory) and never looks inside it.
    private static var placeholder: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: 0x1) }

    /// Runs `body` with the filter that is the reader's `privdata`; `nil` (hiredis then
    /// reports out of memory) when there is none. The filter is alive for the whole pass, so
    /// it is borrowed without a retain per element.
    private static func with(_ task: UnsafePointer<redisReadTask>?, _ body: (ScanReplyFilter, redisReadTask) -> Void) -> UnsafeMutableRawPointer? {
        guard let task, let privdata = task.pointee.privdata else { return nil }
        Unmanaged<ScanReplyFilter>.fromOpaque(privdata)._withUnsafeGuaranteedRef { body($0, task.pointee) }
        return placeholder
    }
}
