/// The dashboard's settings after the profile: flags win, except that a profile's
/// `read_only = true` cannot be turned off (the point of a production profile).
public struct DashboardSettings: Sendable, Hashable {
    public var readOnly: Bool
    public var theme: String?
    /// Polling interval in seconds.
    public var refresh: Double
    /// Empty: the layouts locktop knows.
    public var patterns: [String]

    /// `readOnly`, `theme`, `refresh` and `patterns` as the flags gave them (nil or empty: not given).
    public init(readOnly: Bool, theme: String?, refresh: Double?, patterns: [String], profile: ConnectionProfile?) {
        self.readOnly = readOnly || profile?.readOnly == true
        self.theme = theme ?? profile?.theme
        self.refresh = refresh ?? profile?.refresh ?? 1
        self.patterns = patterns.isEmpty ? profile?.patterns ?? [] : patterns
    }
}
