import TerminalUI

/// Key bytes as text: escaped when binary, capped so a 10k-character key costs little.
enum KeyText {
    /// Longer keys are cut before measuring; no table column is this wide.
    static let cellLimit = 512

    /// For a table cell: escaped, at most `cellLimit` bytes (the table adds the ellipsis).
    static func cell(_ key: [UInt8]) -> DisplayText {
        guard key.count > cellLimit else { return DisplayText(bytes: key) }
        return DisplayText(bytes: key.prefix(cellLimit)) + "…"
    }

    /// For filtering and sorting: the escaped text of the first `cellLimit` bytes.
    static func plain(_ key: [UInt8]) -> String {
        cell(key).description
    }

    /// For the detail pane and dialogs: escaped, cut after `limit` bytes with the full length.
    static func full(_ bytes: [UInt8], limit: Int = 1024) -> String {
        guard bytes.count > limit else { return DisplayText(bytes: bytes).description }
        return DisplayText(bytes: bytes.prefix(limit)).description + "… (\(bytes.count) bytes)"
    }
}
