import Foundation

/// Runs the real `redis-benchmark` against a server and reads its CSV figures.
public struct RedisBenchmarkTool: Sendable {
    public let port: Int
    /// With a CA file, `redis-benchmark --tls --cacert FILE` (the server speaks only TLS).
    public let tlsCAFile: String?

    public init(port: Int, tlsCAFile: String? = nil) {
        self.port = port
        self.tlsCAFile = tlsCAFile
    }

    /// Requests per second for each test name (`PING_MBULK`, `SET`, ...).
    public func run(tests: String, requests: Int, clients: Int = 1, pipeline: Int = 1) throws -> [String: Double] {
        try run(["-c", String(clients), "-P", String(pipeline), "-n", String(requests), "-t", tests])
    }

    /// Requests per second of one arbitrary command, e.g. `["DEL", "k"]`.
    public func run(command: [String], requests: Int, clients: Int = 1) throws -> Double {
        let figures = try run(["-c", String(clients), "-n", String(requests)] + command)
        guard let rate = figures.values.first else { throw BenchmarkError("redis-benchmark printed no figure for \(command.joined(separator: " "))") }
        return rate
    }

    private func run(_ arguments: [String]) throws -> [String: Double] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let tls = tlsCAFile.map { ["--tls", "--cacert", $0] } ?? []
        process.arguments = ["redis-benchmark", "-h", "127.0.0.1", "-p", String(port), "--csv"] + tls + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkError("redis-benchmark exited with status \(process.terminationStatus); is redis-tools installed?")
        }
        var figures: [String: Double] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            // Fields are quoted and a test name (an EVAL script) may itself contain commas.
            let fields = line.trimmingCharacters(in: CharacterSet(charactersIn: "\"")).components(separatedBy: "\",\"")
            if fields.count >= 2, let rate = Double(fields[1]) { figures[fields[0]] = rate }
        }
        return figures
    }
}

/// A benchmark that could not run, with what to do about it.
public struct BenchmarkError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
