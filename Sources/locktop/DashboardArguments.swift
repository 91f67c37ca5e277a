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

    @Option(help: ArgumentHelp("Polling interval in seconds when keyspace notifications are off (default 1).", valueName: "seconds"))
    var refresh: Double?

    @OptionGroup var screen: ScreenArguments

    @Flag(help: "Switch keyspace notifications on (CONFIG SET notify-keyspace-events) when they are off, for instant updates.")
    var enableNotifications = false

    func validate() throws {
        guard let refresh else { return }
        guard refresh.isFinite, refresh >= 0.05, refresh <= 3600 else {
            throw ValidationError("--refresh must be between 0.05 and 3600 seconds")
        }
    }

    /// The dashboard options for `endpoint`, with what the flags left out taken from `profile`.
    func options(endpoint: RedisEndpoint, patterns: [String], profile: ConnectionProfile?) -> DashboardOptions {
        let settings = DashboardSettings(readOnly: readOnly, theme: theme, refresh: refresh, patterns: patterns, profile: profile)
        var feed = FeedOptions()
        feed.refreshInterval = .milliseconds(Int((settings.refresh * 1000).rounded()))
        feed.enableNotifications = enableNotifications
        feed.readOnly = settings.readOnly
        var options = DashboardOptions(endpoint: endpoint, scanOptions: ScanOptions(patterns: settings.patterns), feedOptions: feed,
                                       themeName: settings.theme)
        screen.apply(to: &options)
        return options
    }

    /// Read-only from the flag or forced by the profile.
    func isReadOnly(profile: ConnectionProfile?) -> Bool {
        readOnly || profile?.readOnly == true
    }
}
