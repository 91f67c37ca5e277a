import Foundation
import TerminalUI

/// The UI loop: the only code that touches the terminal. It reads keys, drains the inbox,
/// applies every message with `update`, hands effects to the runner and draws when
/// something changed.
///
/// Not `Sendable` on purpose: it lives and dies on the UI thread, like the terminal it owns.
public final class DashboardLoop {
    /// The state as of the last message applied.
    public private(set) var state: AppState
    private var theme: Theme
    private let terminal: any Terminal
    private let inputDescriptor: Int32?
    private let inbox: Inbox
    private let perform: (Effect) -> Void
    private let tickInterval: Duration
    private let idleWait: Duration
    private let onDraw: ((Frame) -> Void)?
    private var quitting = false
    /// A snapshot replaced another since memory was last handed back (see `FreedMemory`).
    private var snapshotReplaced = false
    private var lastRelease = ContinuousClock.now

    /// A loop drawing on `terminal`; `inputDescriptor` is the file it reads keys from (nil: poll the terminal on every wake-up only).
    public init(
        state: AppState, theme: Theme, terminal: any Terminal, inputDescriptor: Int32?, inbox: Inbox,
        tickInterval: Duration, idleWait: Duration,
        perform: @escaping (Effect) -> Void, onDraw: ((Frame) -> Void)? = nil
    ) {
        self.state = state
        self.theme = theme
        self.terminal = terminal
        self.inputDescriptor = inputDescriptor
        self.inbox = inbox
        self.tickInterval = tickInterval
        self.idleWait = idleWait
        self.perform = perform
        self.onDraw = onDraw
    }

    /// Runs until `Effect.quit` or `Inbox.requestStop()`.
    public func run() {
        let clock = ContinuousClock()
        var nextTick = clock.now + tickInterval
        draw()
        while true {
            var changed = false
            // Keys first: they are the user's, and a burst of feed updates must not delay them.
            while !quitting, let key = terminal.readKey(timeout: .zero) {
                changed = apply(Self.message(for: key)) || changed
            }
            for message in inbox.drain() where !quitting {
                changed = apply(message) || changed
            }
            if quitting || inbox.isStopRequested { return }
            if clock.now >= nextTick {
                changed = apply(.tick(Date())) || changed
                nextTick = clock.now + tickInterval
            }
            if changed { draw() }
            releaseFreedMemory()
            let untilTick = nextTick - clock.now
            inbox.wait(orReadable: inputDescriptor, timeout: max(.zero, min(idleWait, untilTick)))
        }
    }

    /// Applies one message; true when the screen may have changed.
    @discardableResult
    func apply(_ message: AppMessage) -> Bool {
        if case .themeLoaded(_, let newTheme, _) = message { theme = newTheme }
        if case .resize = message { terminal.clear() }
        if case .feed(.snapshot) = message { snapshotReplaced = true }
        for effect in update(&state, message) {
            if case .quit = effect {
                quitting = true
            } else if case .copyToClipboard(let text) = effect {
                terminal.copyToClipboard(text)
            } else {
                perform(effect)
            }
        }
        return true
    }

    /// After a new snapshot replaced the old one, at most once a second: under keyspace
    /// notifications a snapshot may arrive many times a second, and each trim walks the heap.
    private func releaseFreedMemory() {
        guard snapshotReplaced, ContinuousClock.now - lastRelease >= .seconds(1) else { return }
        FreedMemory.release()
        snapshotReplaced = false
        lastRelease = ContinuousClock.now
    }

    private func draw() {
        let frame = render(state, theme: theme, size: terminal.size)
        terminal.draw(frame)
        terminal.flush()
        onDraw?(frame)
    }

    /// Resizes are their own message: `update` re-lays out, it does not treat them as a key.
    static func message(for key: KeyEvent) -> AppMessage {
        if case .resize(let size) = key { return .resize(size) }
        return .key(key)
    }
}
