import Foundation

/// A child process spawned with a clean signal mask and default handlers.
///
/// Foundation's `Process` passes on the blocked-signal mask of the Swift thread that starts
/// it; a redis-server or postgres started that way ignores SIGTERM and its shell never reaps it.
public struct ChildProcess: Sendable {
    public let pid: pid_t
    /// Our end of the child's stdin; closing it is the child's cue to end.
    public let stdinWriter: Int32
    public let outputReader: Int32
    public let errorReader: Int32

    /// Starts `executable` with stdin, stdout and stderr on pipes whose other ends we keep;
    /// `environment` is added to (and overrides) this process's environment. With
    /// `ownProcessGroup` the child leads a process group of its own, so a Ctrl-C typed at our
    /// terminal reaches us and not it: it then ends the way we arranged (its lifeline).
    public static func spawn(_ executable: String, _ arguments: [String],
                             environment: [String: String] = [:], ownProcessGroup: Bool = false) throws(ChildProcessError) -> ChildProcess {
        let stdinPipe = try makePipe()
        let outputPipe = try makePipe()
        let errorPipe = try makePipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe.reader, 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe.writer, 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe.writer, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if ownProcessGroup {
            flags |= POSIX_SPAWN_SETPGROUP
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status: Int32
        if environment.isEmpty {
            status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        } else {
            let merged = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
            let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer { envp.forEach { free($0) } }
            status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        }
        close(stdinPipe.reader)
        close(outputPipe.writer)
        close(errorPipe.writer)
        guard status == 0 else {
            [stdinPipe.writer, outputPipe.reader, errorPipe.reader].forEach { close($0) }
            throw ChildProcessError("cannot run \(executable): \(String(cString: strerror(status)))")
        }
        return ChildProcess(pid: pid, stdinWriter: stdinPipe.writer, outputReader: outputPipe.reader, errorReader: errorPipe.reader)
    }

    /// Blocks until the child exits, reaps it and returns its exit code (128 + n for signal n).
    @discardableResult
    public func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Blocks reading stdout until end of file, handing each piece to `chunk`, then closes it.
    ///
    /// Pieces end on whole UTF-8 characters: a character split across two reads is held back
    /// until its last byte arrives, since decoding each half alone gives two U+FFFD.
    public func readOutput(_ chunk: (String) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        var pending: [UInt8] = []
        while true {
            let count = read(outputReader, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            pending += buffer[0..<count]
            let complete = Self.completeUTF8Prefix(of: pending)
            chunk(String(decoding: pending[0..<complete], as: UTF8.self))
            pending.removeFirst(complete)
        }
        if !pending.isEmpty { chunk(String(decoding: pending, as: UTF8.self)) }
        close(outputReader)
    }

    /// The length of `bytes` without a last UTF-8 sequence whose continuation bytes have not all arrived.
    static func completeUTF8Prefix(of bytes: [UInt8]) -> Int {
        var start = bytes.count
        while start > 0, bytes.count - start < 3, bytes[start - 1] & 0xC0 == 0x80 { start -= 1 }
        guard start > 0 else { return bytes.count }
        let lead = bytes[start - 1]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return bytes.count - (start - 1) < length ? start - 1 : bytes.count
    }

    /// Reads one line from `descriptor` (without the newline), byte by byte.
    public static func readLine(_ descriptor: Int32) -> String {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(descriptor, &byte, 1) == 1 && byte != UInt8(ascii: "\n") { bytes.append(byte) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func makePipe() throws(ChildProcessError) -> (reader: Int32, writer: Int32) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { throw ChildProcessError("cannot create a pipe: \(String(cString: strerror(errno)))") }
        // Only the dup2'd copies reach the child; ours must not leak into later children.
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return (descriptors[0], descriptors[1])
    }
}

/// A child process or socket that could not be made; the reason says which system call failed.
public struct ChildProcessError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
