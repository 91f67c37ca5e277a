/// A row marked with `m`, with the text `y` and `Y` copy for it, taken when it was marked:
/// the row may leave the view (a new snapshot) and still be copied as the operator saw it.
public struct MarkedRow: Sendable, Hashable {
    /// The row's id (`ListedRow.id`).
    public var id: [UInt8]
    /// The key, escaped as the screen shows it.
    public var key: String
    /// The owner token (or waiter), escaped; nil when the row has none.
    public var token: String?
}
