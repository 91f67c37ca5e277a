import ArgumentParser
import LockInspector
import LocktopApp
import RedisClient

/// The dashboard's own options (the connection ones are `ConnectionArguments`).
struct DashboardArguments: ParsableArguments {
    @Flag(help: "Send no write command at all: actions are refused and keyspace notifications are never switched on.")
    var readOnly = false

    @Option(help: ArgumentHelp("Colour theme: a name from themes/ (default, light, solarized, high-contrast, monochrome) or a .toml path; NO_COLOR forces monochrome.", valueName: "name"))
    var theme: String?

    @Option(help: ArgumentHelp("Polling interval in seconds when keyspace notifications are off.", valueName: "seconds"))
    var refresh = 1.0

    @Flag(help: "Switch keyspace notifications on (CONFIG SET notify-keyspace-events) when they are off, for instant updates.")
    var enableNotifications = false

    func validate() throws {
        guard refresh.isFinite, refresh >= 0.05, refresh <= 3600 else {
            throw ValidationError("--refresh must be between 0.05 and 3600 seconds")
        }
    }

    /// The dashboard options for `endpoint`, reading `patterns` (empty: the known layouts).
    func options(endpoint: RedisEndpoint, patterns: [String]) -> DashboardOptions {
        var feed = FeedOptions()
        feed.refreshInterval = .milliseconds(Int((refresh * 1000).rounded()))
        feed.enableNotifications = enableNotifications
        feed.readOnly = readOnly
        return DashboardOptions(endpoint: endpoint, scanOptions: ScanOptions(patterns: patterns), feedOptions: feed, themeName: theme)
    }
}
