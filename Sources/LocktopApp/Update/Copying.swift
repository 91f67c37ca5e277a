import LockInspector
import TerminalUI

/// `y` copies the selected row's key, `Y` its owner token, to the clipboard through the
/// terminal (OSC 52); `m` marks rows so that both copy every marked row as one block.
///
/// What is copied is the escaped text the screen shows, never raw bytes from Redis: a key
/// holding a newline or an escape sequence must not run in the shell it is pasted into.
extension AppState {
    /// What `y` and `Y` copy.
    enum CopiedPart {
        case key, token

        var noun: String { self == .key ? "key" : "owner token" }
    }

    /// The current view's marked rows, in the order they were marked.
    public var marked: [MarkedRow] {
        get { marks[view] ?? [] }
        set { marks[view] = newValue.isEmpty ? nil : newValue }
    }

    /// `m`: marks the selected row, or unmarks it.
    mutating func toggleMark() {
        guard let row = ViewRows(self).selected(selection) else {
            statusMessage = "mark: no row selected"
            return
        }
        if let index = marked.firstIndex(where: { $0.id == row.id }) {
            marked.remove(at: index)
        } else {
            marked.append(MarkedRow(id: row.id, key: DisplayText(bytes: row.subject.key).description, token: Self.token(of: row.subject)))
        }
        statusMessage = marked.isEmpty ? "no rows marked"
            : "\(marked.count) row(s) marked: y copies their keys, Y their owner tokens, Esc unmarks"
    }

    /// `y` / `Y`: the marked rows' keys or tokens as one block, else the selected row's.
    mutating func copy(_ part: CopiedPart) -> [Effect] {
        let texts: [String]
        if !marked.isEmpty {
            texts = marked.compactMap { part == .key ? $0.key : $0.token }
        } else if let row = ViewRows(self).selected(selection) {
            texts = [part == .key ? DisplayText(bytes: row.subject.key).description : Self.token(of: row.subject)].compactMap { $0 }
        } else {
            statusMessage = "copy: no row selected"
            return []
        }
        guard !texts.isEmpty else {
            statusMessage = "copy: no \(part.noun) on \(marked.isEmpty ? "this row" : "the marked rows")"
            return []
        }
        let block = texts.joined(separator: "\n")
        guard block.utf8.count <= Self.clipboardLimit else {
            statusMessage = "copy: \(block.utf8.count) bytes is more than terminals take through OSC 52 (\(Self.clipboardLimit))"
            return []
        }
        statusMessage = texts.count == 1
            ? "copied \(part.noun) \(texts[0].prefix(80)) to the clipboard"
            : "copied \(texts.count) \(part.noun)s to the clipboard, one per line"
        return [.copyToClipboard(block)]
    }

    /// Terminals cap an OSC 52 payload (xterm and tmux at about 100 kB of base64).
    static let clipboardLimit = 74_000

    /// The owner token (or waiting member) a row shows, escaped; nil for rows without one.
    static func token(of subject: RowSubject) -> String? {
        switch subject {
        case .lock(let lock): lock.rawToken.map { DisplayText(bytes: $0).description } ?? lock.firstOwner.map { DisplayText($0.token).description }
        case .waiter(_, let waiter?): DisplayText(waiter.member).description
        case .redlock(let lock): lock.perServer.lazy.compactMap { $0?.rawToken }.first.map { DisplayText(bytes: $0).description }
        default: nil
        }
    }
}
