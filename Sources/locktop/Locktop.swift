import ArgumentParser

@main
struct Locktop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locktop",
        abstract: "htop for Redis locks.",
        version: "0.1.0",
        subcommands: [DemoCommand.self, BenchCommand.self]
    )
}
