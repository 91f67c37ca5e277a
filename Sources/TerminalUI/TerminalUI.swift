/// TerminalUI: filled by its own issue (see DESIGN.md).
public enum TerminalUIModule {}
