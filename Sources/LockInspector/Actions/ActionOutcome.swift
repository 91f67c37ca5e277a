/// What an operator action did.
public enum ActionOutcome: Sendable, Hashable {
    case done
    /// Someone else owns the lock now: nothing was touched.
    case ownerChanged
    /// The key no longer exists.
    case keyGone
    /// Refused before anything was sent: locktop runs with `--read-only`.
    case refusedReadOnly
    /// The server's ACL does not allow it (NOPERM).
    case noPermission(String)
    /// The action does not apply to this key's layout (e.g. a Redisson hash); nothing was sent.
    case unsupported(String)
    case failed(String)

    /// A short status-line text.
    public var summary: String {
        switch self {
        case .done: "done"
        case .ownerChanged: "owner changed: not touched"
        case .keyGone: "key gone"
        case .refusedReadOnly: "refused: read-only mode"
        case .noPermission(let message): "no permission: \(message)"
        case .unsupported(let message): "not supported: \(message)"
        case .failed(let message): "failed: \(message)"
        }
    }
}
