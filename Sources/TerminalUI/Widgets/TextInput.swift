/// The text and cursor of a one-line input field, edited by key events.
///
/// ```swift
/// var input = TextInput("lock:")
/// input.handle(.character("a"))   // "lock:a", cursor after "a"
/// input.handle(.backspace)        // "lock:"
/// ```
public struct TextInput: Hashable, Sendable {
    /// The characters typed so far.
    public private(set) var characters: [Character]
    /// The cursor position, in characters from the start (0...characters.count).
    public private(set) var cursor: Int

    /// An input holding `text`, with the cursor at its end.
    public init(_ text: String = "") {
        self.characters = Array(text)
        self.cursor = characters.count
    }

    /// The text typed so far.
    public var text: String { String(characters) }

    /// Applies an editing key; returns false when the key is not an editing key (Enter, Esc, ...).
    @discardableResult
    public mutating func handle(_ key: KeyEvent) -> Bool {
        switch key {
        case .character(let character):
            guard !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                return false
            }
            characters.insert(character, at: cursor)
            cursor += 1
        case .backspace:
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete:
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = characters.count
        default: return false
        }
        return true
    }
}
