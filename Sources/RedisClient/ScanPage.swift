/// One page of a SCAN pass.
public struct ScanPage: Sendable {
    /// The cursor for the next call; `"0"` when the pass is complete.
    public let cursor: [UInt8]
    /// How many keys the server returned in this page.
    public let returned: Int
    /// The returned keys that passed the filter, in reply order.
    public let keys: [[UInt8]]

    public init(cursor: [UInt8], returned: Int, keys: [[UInt8]]) {
        self.cursor = cursor
        self.returned = returned
        self.keys = keys
    }

    public var isLast: Bool { cursor == [UInt8(ascii: "0")] }
}
