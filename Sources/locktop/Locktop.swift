import ArgumentParser

@main
struct Locktop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locktop",
        abstract: "htop for Redis locks.",
        version: "0.1.0",
        subcommands: [ListCommand.self, DemoCommand.self, BenchCommand.self],
        // -h is the host, as in redis-cli; help is --help only.
        helpNames: [.long]
    )
}
