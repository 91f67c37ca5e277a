import TerminalUI

/// One entry of the key registry: the keys, what the help says, and what happens.
struct KeyAction: Sendable {
    var keys: [KeyEvent]
    /// The keys as the help shows them (`↑/k`).
    var label: String
    var description: String
    /// Changes data on the server: hidden from the help and refused in read-only mode.
    var isDangerous: Bool
    /// The help heading.
    var group: String
    /// Applies the action; gets the key pressed, for actions bound to several keys.
    var handler: @Sendable (inout AppState, KeyEvent) -> [Effect]

    init(_ keys: [KeyEvent], _ label: String, _ description: String, group: String, dangerous: Bool = false,
         handler: @escaping @Sendable (inout AppState, KeyEvent) -> [Effect]) {
        self.keys = keys
        self.label = label
        self.description = description
        self.isDangerous = dangerous
        self.group = group
        self.handler = handler
    }

    /// The help entry.
    var binding: KeyBinding {
        KeyBinding(key: label, description: description, isDangerous: isDangerous, group: group)
    }
}
