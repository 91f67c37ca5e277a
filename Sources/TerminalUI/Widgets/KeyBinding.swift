/// A key and what it does, as listed in the help; dangerous actions change data on the server.
public struct KeyBinding: Hashable, Sendable {
    /// The key as shown, for example `"d"`, `"Enter"` or `"↑/k"`.
    public var key: String
    /// What the key does, as the help shows it.
    public var description: String
    /// True for actions that change something (force-release, extend); read-only mode drops them.
    public var isDangerous: Bool
    /// The heading the binding is listed under; consecutive bindings with the same group share it.
    public var group: String

    /// Creates a binding.
    public init(key: String, description: String, isDangerous: Bool = false, group: String = "") {
        self.key = key
        self.description = description
        self.isDangerous = isDangerous
        self.group = group
    }
}
