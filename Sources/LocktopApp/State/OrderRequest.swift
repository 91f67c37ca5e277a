/// An order for the runtime to build off the UI thread: what it depends on, and the data.
public struct OrderRequest: Sendable, Hashable {
    public var inputs: RowOrder.Inputs
    var context: RowContext

    /// The order asked for, built now (seconds for a million rows: never on the UI thread).
    public func build() -> RowOrder {
        RowOrder(inputs, context: context)
    }

    // Two requests for the same inputs ask for the same order: the data is named by the revision.
    public static func == (left: OrderRequest, right: OrderRequest) -> Bool { left.inputs == right.inputs }
    public func hash(into hasher: inout Hasher) { hasher.combine(inputs) }
}
