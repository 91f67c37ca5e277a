import Foundation

/// The terminal's clipboard request: `ESC ] 52 ; c ; <base64> BEL`, understood by xterm,
/// kitty, iTerm2, WezTerm, Windows Terminal and tmux (`set-clipboard on`).
public enum OSC52 {
    /// The sequence that puts `text` (as UTF-8) on the system clipboard. Base64 keeps every byte
    /// of the text away from the terminal's parser.
    public static func sequence(for text: String) -> String {
        "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
    }
}
