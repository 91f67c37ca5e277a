import VisibleText

/// Small helpers for taking key names apart.
enum KeyNames {
    /// `prefix{resource}suffix` or `prefix resource` -> resource, for names starting with `prefix`.
    static func resource(of name: String, after prefix: String) -> String? {
        guard name.hasPrefix(prefix) else { return nil }
        let rest = name.dropFirst(prefix.count)
        guard !rest.isEmpty else { return nil }
        if rest.hasPrefix("{"), let close = rest.firstIndex(of: "}") {
            return String(rest[rest.index(after: rest.startIndex)..<close])
        }
        return String(rest)
    }

    /// The hash-tag content of a name (`saga:order:{42}` -> `42`), else the part after the last `:`.
    static func tagOrLastPart(_ name: String) -> String {
        if let open = name.firstIndex(of: "{"), let close = name[open...].firstIndex(of: "}") {
            return String(name[name.index(after: open)..<close])
        }
        return name.split(separator: ":").last.map(String.init) ?? name
    }

    /// A token for display: `VisibleText.escape`d, cut to 80 characters (ending in `…`).
    static func displayToken(_ bytes: [UInt8]) -> String {
        // Only the head can be shown, so only the head is looked at: members and fields are
        // not size-capped by the reader, and escaping megabytes would stall a scan.
        let text = VisibleText.escape(bytes.prefix(81))
        return text.count > 80 ? String(text.prefix(79)) + "…" : text
    }
}
