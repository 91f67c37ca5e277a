import Foundation

/// The built `locktop` executable the tests run.
enum LocktopBinary {
    /// `$LOCKTOP_BINARY`, else `locktop` next to the running test executable (`swift build --build-tests` builds both).
    static func path() throws -> String {
        if let path = ProcessInfo.processInfo.environment["LOCKTOP_BINARY"], !path.isEmpty { return path }
        let candidates = [URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(), Bundle.main.executableURL]
            .compactMap { $0?.deletingLastPathComponent() }
            .flatMap { [$0, $0.deletingLastPathComponent()] }
            .map { $0.appendingPathComponent("locktop").path }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Tool.Failure(description: "locktop not found (looked at \(candidates)); build it with `swift build --build-tests` or set LOCKTOP_BINARY")
        }
        return found
    }
}
