// lockkit-agent: a child process the tests start and kill (SIGKILL) mid-transaction, so crash
// recovery is tested against a process that really dies. Each subcommand lives in its own
// file; add it to `subcommands` below.
import Foundation
import RedisClient

/// A subcommand: receives the arguments after its name, returns the exit status.
typealias AgentCommand = @Sendable (_ arguments: [String]) async throws -> Int32

let subcommands: [String: AgentCommand] = [
    "saga-order": SagaAgent.order,
    "saga-resume": SagaAgent.resume,
    "2pc-transfer": TwoPhaseAgent.transfer,
    "priority-wait": PriorityAgent.wait,
    "hold": HoldAgent.hold,
    "fair-wait": FairAgent.wait,
]

Agent.startLifelineIfRequested()
let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let command = subcommands[name] else {
    Agent.fail("usage: lockkit-agent <\(subcommands.keys.sorted().joined(separator: "|"))> [--option value ...]")
}
do {
    exit(try await command(Array(arguments.dropFirst())))
} catch {
    Agent.fail("lockkit-agent \(name): \(error)")
}

/// Helpers every subcommand shares.
enum Agent {
    /// Writes one line to stdout at once (a pipe would otherwise buffer it past a SIGKILL).
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(2)
    }

    /// Never returns: the agent waits here to be killed at a known point.
    static func blockForever() async -> Never {
        while true { try? await Task.sleep(for: .seconds(3600)) }
    }

    /// With `LOCKKIT_AGENT_LIFELINE=stdin` the agent exits when its stdin closes, so it never
    /// outlives a test process that died before killing it.
    static func startLifelineIfRequested() {
        guard ProcessInfo.processInfo.environment["LOCKKIT_AGENT_LIFELINE"] == "stdin" else { return }
        let thread = Thread {
            _ = FileHandle.standardInput.readDataToEndOfFile()
            exit(3)
        }
        thread.start()
    }
}

/// `--name value` options, parsed by hand.
struct AgentOptions {
    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    private var values: [String: String] = [:]

    init(_ arguments: [String]) throws {
        var index = 0
        while index < arguments.count {
            let name = arguments[index]
            guard name.hasPrefix("--"), index + 1 < arguments.count else {
                throw UsageError(description: "expected '--option value', got '\(arguments[index...].joined(separator: " "))'")
            }
            values[String(name.dropFirst(2))] = arguments[index + 1]
            index += 2
        }
    }

    func optional(_ name: String) -> String? { values[name] }

    func required(_ name: String) throws -> String {
        guard let value = values[name] else { throw UsageError(description: "--\(name) is required") }
        return value
    }

    func int(_ name: String, default fallback: Int) throws -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text) else { throw UsageError(description: "--\(name) must be an integer, got '\(text)'") }
        return value
    }

    /// Connects to `--url` (default redis://127.0.0.1:6379).
    func connect() async throws -> RedisConnection {
        let endpoint = try RedisEndpoint(url: optional("url") ?? "redis://127.0.0.1:6379", environment: ProcessInfo.processInfo.environment)
        return try await RedisConnection.connect(to: endpoint, options: RedisConnectionOptions(clientName: "lockkit-agent"))
    }
}
