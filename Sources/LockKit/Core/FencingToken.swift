/// A number that strictly increases with every acquisition of one resource (INCR on
/// `lock:fence:{resource}`). A storage that remembers the highest token it accepted can
/// refuse writes from a holder whose lock expired while it was paused.
public struct FencingToken: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: Int64

    public init(_ value: Int64) { self.value = value }

    public static func < (lhs: FencingToken, rhs: FencingToken) -> Bool { lhs.value < rhs.value }

    public var description: String { String(value) }
}
