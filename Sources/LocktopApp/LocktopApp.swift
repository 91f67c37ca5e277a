/// LocktopApp: filled by its own issue (see DESIGN.md).
public enum LocktopAppModule {}
