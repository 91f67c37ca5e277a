import TerminalUI

/// A terminal without a screen, for benchmarks: it works out the changed cells as a real one
/// does, but keeps only the last frame (VirtualTerminal keeps every frame, which a long run
/// cannot afford) and never has a key to read.
public final class HeadlessTerminal: Terminal {
    public let size: Size
    /// The last frame drawn.
    public private(set) var lastFrame: Frame?
    /// Cells the last draw would have written.
    public private(set) var lastChangeCount = 0

    /// A screen of `size`.
    public init(size: Size) { self.size = size }

    public func draw(_ frame: Frame) {
        lastChangeCount = frame.changes(from: lastFrame).count
        lastFrame = frame
    }

    public func clear() { lastFrame = nil }
    public func flush() {}
    public func readKey(timeout: Duration?) -> KeyEvent? { nil }
    public func setCursor(_ position: Point?) {}
}
