import Foundation

/// Finds theme files and loads them, honouring `NO_COLOR`.
///
/// Directories are searched in order, the first file named `<name>.toml` wins:
/// 1. `$XDG_CONFIG_HOME/locktop/themes` (or `~/.config/locktop/themes`): the user's own themes and overrides;
/// 2. `<executable dir>/themes` and `<executable dir>/../share/locktop/themes`: an installed copy;
/// 3. `themes/` of the source checkout around the current directory (a folder with `themes/` and `Package.swift`).
///
/// ```swift
/// let result = ThemeLoader.standard().loadOrDefault(named: options.theme)
/// if let warning = result.warning { status = warning.description }
/// ```
public struct ThemeLoader: Sendable {
    /// The directories searched, in order.
    public var directories: [String]
    /// True when `NO_COLOR` is set (to anything but the empty string): every load gives `Theme.monochrome`.
    public var noColor: Bool

    /// A loader searching `directories`, with `NO_COLOR` read from `environment`.
    public init(directories: [String], environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.directories = directories
        self.noColor = !(environment["NO_COLOR"] ?? "").isEmpty
    }

    /// The loader for this process: standard directories, the process environment.
    public static func standard(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = ThemeLoader.currentExecutablePath(),
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> ThemeLoader {
        ThemeLoader(
            directories: standardDirectories(
                environment: environment, executablePath: executablePath, currentDirectory: currentDirectory),
            environment: environment)
    }

    /// The standard search directories that exist, in search order.
    public static func standardDirectories(
        environment: [String: String], executablePath: String?, currentDirectory: String
    ) -> [String] {
        var candidates: [String] = []
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            candidates.append(config + "/locktop/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            candidates.append(home + "/.config/locktop/themes")
        }
        if let executablePath {
            let directory = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
            candidates.append(directory.appendingPathComponent("themes").path)
            candidates.append(directory.appendingPathComponent("../share/locktop/themes").standardized.path)
        }
        if let checkout = sourceCheckout(above: currentDirectory) {
            candidates.append(checkout + "/themes")
        }
        var seen = Set<String>()
        return candidates.filter { isDirectory($0) && seen.insert($0).inserted }
    }

    /// The names of every theme available, sorted; the built-in `default` and `monochrome` are always there.
    public func themeNames() -> [String] {
        var names: Set<String> = [Theme.default.name, Theme.monochrome.name]
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasSuffix(".toml") { names.insert(String(file.dropLast(5))) }
        }
        return names.sorted()
    }

    /// The file of the theme `name`, or nil when no directory has one.
    public func path(forTheme name: String) -> String? {
        directories.lazy.map { $0 + "/" + name + ".toml" }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The theme `name` (a name from `themeNames()` or a path to a `.toml` file).
    public func load(named name: String) throws(ThemeError) -> Theme {
        if noColor { return .monochrome }
        if name.contains("/") || name.hasSuffix(".toml") { return try ThemeLoader.load(file: name) }
        if let path = path(forTheme: name) { return try ThemeLoader.load(file: path) }
        switch name {
        case Theme.default.name: return .default
        case Theme.monochrome.name: return .monochrome
        default: throw .notFound(name: name, searched: directories)
        }
    }

    /// The theme `name` (or the default theme when nil), falling back to `Theme.default` with the error as a warning.
    public func loadOrDefault(named name: String?) -> ThemeLoadResult {
        do {
            return ThemeLoadResult(theme: try load(named: name ?? Theme.default.name), warning: nil)
        } catch {
            return ThemeLoadResult(theme: .default, warning: error)
        }
    }

    /// Reads and parses one theme file.
    public static func load(file path: String) throws(ThemeError) -> Theme {
        let source: String
        do {
            source = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try ThemeParser.parse(source, file: path, defaultName: name)
    }

    /// Parses theme text that did not come from a file (`file` is only used in errors).
    public static func parse(_ source: String, file: String, name: String) throws(ThemeError) -> Theme {
        try ThemeParser.parse(source, file: file, defaultName: name)
    }

    /// The path of the running executable (from /proc on Linux), or nil when unknown.
    public static func currentExecutablePath() -> String? {
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return link }
        return Bundle.main.executablePath
    }

    /// The nearest directory at or above `directory` holding both `themes/` and `Package.swift`.
    static func sourceCheckout(above directory: String) -> String? {
        var url = URL(fileURLWithPath: directory).standardized
        while true {
            if isDirectory(url.appendingPathComponent("themes").path),
                FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path)
            {
                return url.path
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// A theme to use, and the problem met on the way to it when the requested one could not be used.
public struct ThemeLoadResult: Sendable {
    /// The theme to draw with.
    public var theme: Theme
    /// Why the default theme is used instead of the one asked for; show it to the user.
    public var warning: ThemeError?
}
