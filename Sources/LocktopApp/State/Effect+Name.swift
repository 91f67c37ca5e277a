extension Effect {
    /// The name the runtime puts in `AppMessage.actionResult(action:)` for this effect, so
    /// `update` can tell which action a result belongs to; nil for effects with no result.
    public var actionName: String? {
        switch self {
        case .forceRelease: Effect.forceReleaseName
        case .extend: "extend"
        case .removeWaiter: "remove waiter"
        case .releaseHolder: "release holder"
        case .extendHolder: "extend holder"
        case .rescan, .loadTheme, .startSimulation, .stopSimulation, .writeSnapshot, .buildOrder, .copyToClipboard, .quit,
             .discover, .followPatterns: nil
        }
    }

    /// `actionName` of `.forceRelease`.
    public static let forceReleaseName = "force-release"
}
