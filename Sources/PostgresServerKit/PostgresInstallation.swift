import Foundation
import ServerProcessKit

/// Where the PostgreSQL binaries are and as whom they must run.
///
/// `initdb` and `postgres` refuse to run as root; when we are root (as in CI containers)
/// they run as the `postgres` user through `setpriv`, which execs in place, so the pid we
/// watch is the server's own and not a wrapper's.
struct PostgresInstallation: Sendable {
    /// Folder holding `initdb` and `postgres`.
    let binDirectory: String
    /// Prefix that runs a command as the unprivileged user, empty when we are not root.
    let runAs: [String]
    /// Owner to give the folders the server writes, when we are root.
    let owner: (uid: uid_t, gid: gid_t)?

    static func discover() throws(PostgresServerError) -> PostgresInstallation {
        guard let binDirectory = findBinDirectory() else {
            throw .launch("initdb and postgres were not found in /usr/lib/postgresql/*/bin or on PATH")
        }
        guard geteuid() == 0 else { return PostgresInstallation(binDirectory: binDirectory, runAs: [], owner: nil) }
        guard let account = getpwnam("postgres") else {
            throw .launch("running as root, and there is no 'postgres' user to run the server as (the postgresql package creates it)")
        }
        let uid = account.pointee.pw_uid
        let gid = account.pointee.pw_gid
        guard let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw .launch("running as root needs setpriv (util-linux) to run postgres as the 'postgres' user")
        }
        return PostgresInstallation(binDirectory: binDirectory,
                                    runAs: [setpriv, "--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", "--"],
                                    owner: (uid, gid))
    }

    /// The command line that runs `tool` (`initdb`, `postgres`) with `arguments` as the right user.
    func command(_ tool: String, _ arguments: [String]) -> [String] {
        runAs + ["\(binDirectory)/\(tool)"] + arguments
    }

    /// Gives `path` to the server's user, so it can create its data and socket files there.
    func handOver(_ path: String) throws(PostgresServerError) {
        guard let owner else { return }
        guard chown(path, owner.uid, owner.gid) == 0 else {
            throw .launch("cannot give \(path) to the postgres user: \(String(cString: strerror(errno)))")
        }
    }

    /// Where server folders go: the temporary directory, unless the server's user could not
    /// reach it (a root-only `TMPDIR`), then `/tmp`.
    func baseDirectory() -> URL {
        let temporary = FileManager.default.temporaryDirectory
        guard owner != nil else { return temporary }
        var path = temporary.standardizedFileURL.path
        while path != "/" && !path.isEmpty {
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IXOTH != 0 else { return URL(fileURLWithPath: "/tmp") }
            path = (path as NSString).deletingLastPathComponent
        }
        return temporary
    }

    /// The newest `/usr/lib/postgresql/<major>/bin`, else the folder of `initdb` on PATH.
    private static func findBinDirectory() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let newest = versions
            .compactMap { name in Double(name).map { (version: $0, name: name) } }
            .sorted { $0.version > $1.version }
            .map { "\(root)/\($0.name)/bin" }
            .first { hasServer(in: $0) }
        if let newest { return newest }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map(String.init).first { hasServer(in: $0) }
    }

    private static func hasServer(in directory: String) -> Bool {
        ["initdb", "postgres"].allSatisfy { FileManager.default.isExecutableFile(atPath: "\(directory)/\($0)") }
    }
}

extension PostgresInstallation {
    /// Runs `command` to completion on a thread of its own (initdb blocks for a second or so,
    /// too long for Swift's small cooperative pool); its exit code and merged output.
    static func runToCompletion(_ command: [String]) async throws(PostgresServerError) -> (status: Int32, output: String) {
        // The shell merges stderr into stdout so one reader sees everything, in order.
        let child: ChildProcess
        do { child = try ChildProcess.spawn("/bin/sh", ["-c", "exec \"$0\" \"$@\" 2>&1 </dev/null"] + command) } catch { throw .launch(error.description) }
        close(child.stdinWriter)
        close(child.errorReader)
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                var output = ""
                child.readOutput { output += $0 }
                let status = child.waitForExit()
                continuation.resume(returning: (status, output))
            }
            thread.name = "postgres tool \(child.pid)"
            thread.start()
        }
    }
}
