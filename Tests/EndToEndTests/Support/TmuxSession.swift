import Foundation

/// A detached tmux session on a private server (`tmux -L <unique>`), running one command in a
/// pane of fixed size; `kill()` ends the whole private server.
final class TmuxSession: Sendable {
    let socketName: String
    let sessionName: String
    private let tmux: String
    /// The server's socket file: kill-server leaves it behind, so `kill()` removes it.
    private let socketPath: String?

    struct Timeout: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts `command` (argv) in a new session `width` x `height` with `environment` added.
    init(command: [String], width: Int = 120, height: Int = 30, environment: [String: String] = [:]) throws {
        tmux = try Tool.path(of: "tmux")
        // The run's id lets `scripts/end-test-run.sh` find this server if the test process dies.
        let testRun = ProcessInfo.processInfo.environment["LOCKTOP_TEST_RUN"].map { "\($0)-" } ?? ""
        socketName = "locktop-e2e-\(testRun)\(UUID().uuidString.prefix(8))"
        sessionName = "e2e"
        let env = ["/usr/bin/env"] + environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        // -f /dev/null: no user configuration; remain-on-exit keeps an early error on screen for the failure message.
        let run = { [tmux, socketName] (arguments: [String]) throws -> String in
            try Self.tmuxCommand(tmux: tmux, socketName: socketName, arguments)
        }
        _ = try run(["-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", String(width), "-y", String(height)]
                        + env + command)
        _ = try? run(["set-option", "-t", "e2e", "remain-on-exit", "on"])
        socketPath = (try? run(["display-message", "-p", "#{socket_path}"]))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit { kill() }

    /// What the pane shows now, one line per row.
    func capture() async throws -> String {
        try await tmuxCommandOffPool(["capture-pane", "-p", "-t", sessionName])
    }

    /// Types `keys` (tmux key names: "d", "Enter", "Down", "C-c").
    func send(_ keys: String...) async throws {
        for key in keys { try await tmuxCommandOffPool(["send-keys", "-t", sessionName, key]) }
    }

    /// Polls the screen until it contains every one of `texts`; returns that screen.
    @discardableResult
    func waitForScreen(containing texts: String..., timeout: Duration = .seconds(60)) async throws -> String {
        try await waitForScreen(timeout: timeout, "containing \(texts)") { screen in texts.allSatisfy(screen.contains) }
    }

    /// Polls the screen until it contains none of `texts`; returns that screen.
    @discardableResult
    func waitForScreen(notContaining texts: String..., timeout: Duration = .seconds(60)) async throws -> String {
        try await waitForScreen(timeout: timeout, "without \(texts)") { screen in !texts.contains(where: screen.contains) }
    }

    /// Polls the screen until `condition` holds; the screen is the event, so polling is the synchronisation.
    @discardableResult
    func waitForScreen(timeout: Duration = .seconds(60), _ what: String, until condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var screen = ""
        while ContinuousClock.now < deadline {
            screen = try await capture()
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Timeout(description: "the screen never showed \(what) within \(timeout); last screen:\n\(screen)")
    }

    /// Types `text` literally (`send-keys -l`): raw bytes such as a terminal's mouse report.
    func sendLiteral(_ text: String) async throws {
        try await tmuxCommandOffPool(["send-keys", "-t", sessionName, "-l", text])
    }

    /// A format variable of the pane, such as `mouse_sgr_flag` (whether the program asked for mouse reports).
    func paneFormat(_ name: String) throws -> String {
        try tmuxCommand(["display-message", "-p", "-t", sessionName, "#{\(name)}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Sets a server option (`set-option -s`), such as `set-clipboard on`.
    func setServerOption(_ name: String, _ value: String) throws {
        try tmuxCommand(["set-option", "-s", name, value])
    }

    /// The newest paste buffer: where tmux with `set-clipboard on` puts what an OSC 52 sequence copied; nil when none.
    func newestBuffer() async throws -> String? {
        let output = try await Tool.runOffPool(tmux, ["-L", socketName, "show-buffer"])
        return output.status == 0 ? output.standardOutput : nil
    }

    /// Polls until the newest paste buffer is `expected`; returns what it held last.
    func waitForBuffer(_ expected: String, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        var last: String?
        while ContinuousClock.now < deadline {
            last = try await newestBuffer()
            if last == expected { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Timeout(description: "the paste buffer never held \(expected.debugDescription) within \(timeout); last: \(last.debugDescription)")
    }

    /// The pane's title, which an OSC 2 sequence written to the terminal would change.
    func paneTitle() throws -> String {
        try tmuxCommand(["display-message", "-p", "-t", sessionName, "#{pane_title}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The pid of the program in the pane (tmux starts it without a shell).
    func panePID() throws -> pid_t {
        let text = try tmuxCommand(["display-message", "-p", "-t", sessionName, "#{pane_pid}"])
        guard let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Tool.Failure(description: "tmux gave no pane pid: '\(text)'")
        }
        return pid
    }

    /// Ends the private tmux server and everything running in it.
    func kill() {
        _ = try? tmuxCommand(["kill-server"])
        if let socketPath, !socketPath.isEmpty { try? FileManager.default.removeItem(atPath: socketPath) }
    }

    @discardableResult
    private func tmuxCommand(_ arguments: [String]) throws -> String {
        try Self.tmuxCommand(tmux: tmux, socketName: socketName, arguments)
    }

    @discardableResult
    private func tmuxCommandOffPool(_ arguments: [String]) async throws -> String {
        try Self.checked(try await Tool.runOffPool(tmux, ["-L", socketName] + arguments), arguments)
    }

    private static func tmuxCommand(tmux: String, socketName: String, _ arguments: [String]) throws -> String {
        try checked(try Tool.run(tmux, ["-L", socketName] + arguments), arguments)
    }

    private static func checked(_ output: Tool.Output, _ arguments: [String]) throws -> String {
        guard output.status == 0 else {
            throw Tool.Failure(description: "tmux \(arguments.prefix(3).joined(separator: " ")) failed (\(output.status)): \(output.standardError)")
        }
        return output.standardOutput
    }
}
