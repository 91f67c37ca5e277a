import Foundation

/// Runs `bench/peers.py` in the benchmark venv (redis-py, python-redis-lock, pottery).
struct PythonPeers: Sendable {
    let python: String
    let script: String

    struct Contended: Decodable, Sendable {
        let library: String
        let acquisitions: Int
        let seconds: Double
        let p50_ms: Double
        let p99_ms: Double
        let max_ms: Double
        let per_client: [Int]
        let held_seconds: Double?
    }

    func uncontended(port: Int, seconds: Double) throws -> [String: Double] {
        try JSONDecoder().decode([String: Double].self, from: run(["--port", String(port), "uncontended", "--seconds", String(seconds)]))
    }

    func contended(port: Int, library: String, clients: Int, holdMilliseconds: Double, seconds: Double) throws -> Contended {
        try JSONDecoder().decode(Contended.self, from: run([
            "--port", String(port), "contended", "--library", library, "--clients", String(clients),
            "--hold-ms", String(holdMilliseconds), "--seconds", String(seconds),
        ]))
    }

    private func run(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkError("\(script) exited with status \(process.terminationStatus); run scripts/bench-venv.sh to set up the Python peers")
        }
        return data
    }
}
