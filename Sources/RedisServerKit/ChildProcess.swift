import Foundation

/// A child process spawned with a clean signal mask and default handlers.
///
/// Foundation's `Process` passes on the blocked-signal mask of the Swift thread that starts
/// it; a redis-server started that way ignores SIGTERM and its shell never reaps it.
struct ChildProcess: Sendable {
    let pid: pid_t
    /// Our end of the child's stdin; closing it is the child's cue to end.
    let stdinWriter: Int32
    let stdoutReader: Int32
    let stderrReader: Int32

    static func spawn(_ executable: String, _ arguments: [String]) throws(RedisServerError) -> ChildProcess {
        let stdinPipe = try makePipe()
        let stdoutPipe = try makePipe()
        let stderrPipe = try makePipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe.reader, 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe.writer, 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe.writer, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        close(stdinPipe.reader)
        close(stdoutPipe.writer)
        close(stderrPipe.writer)
        guard status == 0 else {
            [stdinPipe.writer, stdoutPipe.reader, stderrPipe.reader].forEach { close($0) }
            throw .launch("cannot run \(executable): \(String(cString: strerror(status)))")
        }
        return ChildProcess(pid: pid, stdinWriter: stdinPipe.writer, stdoutReader: stdoutPipe.reader, stderrReader: stderrPipe.reader)
    }

    /// Blocks until the child exits and reaps it.
    func waitForExit() {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    private static func makePipe() throws(RedisServerError) -> (reader: Int32, writer: Int32) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { throw .launch("cannot create a pipe: \(String(cString: strerror(errno)))") }
        // Only the dup2'd copies reach the child; ours must not leak into later children.
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return (descriptors[0], descriptors[1])
    }
}
