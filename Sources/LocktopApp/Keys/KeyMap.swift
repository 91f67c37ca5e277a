import TerminalUI

/// Every key the dashboard answers to outside dialogs, as data: the help is generated from it
/// and read-only mode drops the dangerous entries (k9s's registry, htop's keys).
public enum KeyMap {
    static let actions: [KeyAction] = [
        KeyAction([.up, .character("k"), .down, .character("j")], "↑↓ k j", "move up / down", group: "Move") { state, key in
            state.moveSelection(by: key == .up || key == .character("k") ? -1 : 1); return []
        },
        KeyAction([.pageUp, .pageDown], "PgUp PgDn", "page up / down", group: "Move") { state, key in
            state.moveSelection(by: key == .pageUp ? -state.pageSize : state.pageSize); return []
        },
        KeyAction([.character("g"), .home, .character("G"), .end], "g G Home End", "first / last row", group: "Move") { state, key in
            // Far enough to clamp at either end, small enough not to overflow.
            state.moveSelection(by: key == .home || key == .character("g") ? Int.min / 2 : Int.max / 2); return []
        },

        // Listed for the help only: mouse events are routed by where they land (MouseHandling).
        KeyAction([], "click wheel", "select a row or a tab / scroll", group: "Move") { _, _ in [] },

        KeyAction([.tab, .backTab], "Tab S-Tab", "next / previous view", group: "Views") { state, key in
            state.switchView(by: key == .tab ? 1 : -1); return []
        },
        KeyAction((1...AppView.allCases.count).compactMap { Character("\($0)") }.map(KeyEvent.character), "1-\(AppView.allCases.count)", "pick a view",
                  group: "Views") { state, key in state.pickView(key); return [] },
        KeyAction([.enter], "Enter", "detail of the selected row", group: "Views") { state, _ in state.toggleDetail(); return [] },
        KeyAction([.escape], "Esc", "close detail / clear filter / stop simulation", group: "Views") { state, _ in state.escape() },
        KeyAction([.character(" ")], "space", "pause / resume (TTLs stop, updates kept)", group: "Views") { state, _ in
            state.togglePause(); return []
        },

        KeyAction([.character("/"), .function(3)], "/ F3", "filter (~ for a regex)", group: "Find & sort") { state, _ in
            state.startFilter(); return []
        },
        KeyAction([.character("s"), .function(6), .character("S")], "s F6 / S", "sort by next column / reverse",
                  group: "Find & sort") { state, key in
            if key == .character("S") { state.reverseSort() } else { state.cycleSort() }
            return []
        },

        KeyAction([.character("y"), .character("Y")], "y / Y", "copy key / owner token (OSC 52)", group: "Copy & keep") { state, key in
            state.copy(key == .character("y") ? .key : .token)
        },
        KeyAction([.character("m")], "m", "mark / unmark the row (y Y copy all marked)", group: "Copy & keep") { state, _ in
            state.toggleMark(); return []
        },

        KeyAction([.character("w")], "w", "write a snapshot file (JSON + table)", group: "Copy & keep") { state, _ in
            state.writeSnapshot()
        },

        KeyAction([.character("d")], "d", "force-release the selected lock", group: "Actions", dangerous: true) { state, _ in
            state.askForceRelease(); return []
        },
        KeyAction([.character("e")], "e", "extend the selected lock", group: "Actions", dangerous: true) { state, _ in
            state.askExtend(); return []
        },
        KeyAction([.character("["), .character("]")], "[ ]", "previous / next holder of a read-write lock or semaphore (d, e act on it)",
                  group: "Actions") { state, key in
            state.moveHolderCursor(by: key == .character("[") ? -1 : 1); return []
        },
        KeyAction([.character("x")], "x", "remove the selected waiter", group: "Actions", dangerous: true) { state, _ in
            state.askRemoveWaiter(); return []
        },
        // Dangerous: a simulation writes (shadow) locks, so read-only refuses it.
        KeyAction([.character("c")], "c", "simulate contention on the selected lock", group: "Actions", dangerous: true) { state, _ in
            state.askSimulate(); return []
        },
        // D reads only: one SCAN pass, then the values of the keys that look like locks.
        KeyAction([.character("r"), .character("D")], "r / D", "rescan now / find locks in every key", group: "Actions") { state, key in
            guard key == .character("D") else { state.statusMessage = "rescanning"; return [.rescan] }
            state.statusMessage = "discovering: one SCAN pass over every key"; return [.discover]
        },

        KeyAction([.character("t")], "t", "next theme", group: "General") { state, _ in state.nextTheme() },
        KeyAction([.character("?"), .function(1)], "? F1", "this help", group: "General") { state, _ in state.overlay = .help; return [] },
        KeyAction([.character("q"), .function(10)], "q F10", "quit", group: "General") { state, _ in
            state.quitting = true; return [.quit]
        },
    ]

    /// The help entries, in registry order; read-only mode leaves out the dangerous ones.
    public static func bindings(readOnly: Bool) -> [KeyBinding] {
        actions.filter { !(readOnly && $0.isDangerous) }.map(\.binding)
    }

    /// The action bound to `key`, if any.
    static func action(for key: KeyEvent) -> KeyAction? {
        actions.first { $0.keys.contains(key) }
    }
}
