/// The connections `CLIENT LIST` reports, as far as liveness needs them: each one's name and
/// the command it runs. Pure, so it is tested without a server.
public struct ClientList: Sendable, Hashable {
    public struct Client: Sendable, Hashable {
        public var name: Substring
        public var command: Substring
    }

    public var clients: [Client]

    /// Parses `CLIENT LIST`'s text: one line per connection of `field=value` pairs. A name
    /// cannot hold spaces, so splitting at spaces is exact.
    public init(text: String) {
        clients = text.split(whereSeparator: \.isNewline).map { line in
            var client = Client(name: "", command: "")
            for pair in line.split(separator: " ") {
                if pair.hasPrefix("name=") { client.name = pair.dropFirst(5) }
                if pair.hasPrefix("cmd=") { client.command = pair.dropFirst(4) }
            }
            return client
        }
    }
}
