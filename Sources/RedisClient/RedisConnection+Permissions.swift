extension RedisConnection {
    /// Sends `name` with `arguments` if this user may: `nil` when the server refuses it for
    /// want of permission (ACL `NOPERM`) or does not know it, now or earlier on this
    /// connection. A refused command is asked once and never sent again, so an optional
    /// feature of a restricted user costs one round trip, not one per refresh.
    public func sendIfPermitted(_ name: String, _ arguments: any RedisArgument...) throws(RedisError) -> RESPValue? {
        let label = Self.permissionLabel(name, arguments)
        guard !refusedCommands.contains(label) else { return nil }
        do {
            return try send(RedisCommand(name, arguments: arguments))
        } catch {
            guard let message = error.serverMessage, Self.isRefusal(message) else { throw error }
            refusedCommands.insert(label)
            return nil
        }
    }

    /// Whether `sendIfPermitted` found `name` (with its subcommand, if any) refused.
    public func wasRefused(_ name: String, _ subcommand: String? = nil) -> Bool {
        refusedCommands.contains(Self.permissionLabel(name, subcommand.map { [$0] } ?? []))
    }

    /// An error reply that means "not for you" rather than "wrong use".
    static func isRefusal(_ message: String) -> Bool {
        message.hasPrefix("NOPERM") || message.hasPrefix("ERR unknown command") || message.hasPrefix("ERR unknown subcommand")
    }

    /// ACLs grant subcommands one by one (`+config|get`), so they are told apart.
    private static func permissionLabel(_ name: String, _ arguments: [any RedisArgument]) -> String {
        let subcommand = ["CONFIG", "CLIENT", "INFO", "ACL", "COMMAND", "PUBSUB", "CLUSTER", "SCRIPT"].contains(name.uppercased())
            ? (arguments.first as? String).map { " " + $0.uppercased() } ?? "" : ""
        return name.uppercased() + subcommand
    }
}
