/// Why a real terminal could not be opened.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped or redirected).
    case notATerminal
    /// ncurses could not set up this terminal type (unknown or missing `TERM`).
    case unsupportedTerminal(term: String?)

    public var description: String {
        switch self {
        case .notATerminal:
            "standard input and output must be a terminal (use `locktop list` for scripts)"
        case .unsupportedTerminal(let term?):
            "cannot use terminal type \"\(term)\": check TERM (for example TERM=xterm-256color)"
        case .unsupportedTerminal(nil):
            "TERM is not set: set it to your terminal type (for example TERM=xterm-256color)"
        }
    }
}
