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

    /// A token for display: printable as is, binary escaped, capped at 80 columns.
    static func displayToken(_ bytes: [UInt8]) -> String {
        // Only the head can be shown, so only the head is looked at: members and fields are
        // not size-capped by the reader, and escaping megabytes would stall a scan.
        let head = Array(bytes.prefix(81))
        let isPrintable = head.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        let text = isPrintable ? String(decoding: head, as: UTF8.self) : escaped(head)
        return text.count > 80 ? String(text.prefix(79)) + "…" : text
    }

    static func escaped(_ bytes: [UInt8]) -> String {
        var text = ""
        for byte in bytes {
            if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return text
    }
}
