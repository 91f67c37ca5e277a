/// The one rule by which bytes read from Redis become text that a person or a program sees.
///
/// Every output of locktop (dashboard, `list` table and JSON, detail, errors, logs, exporter
/// labels) shows Redis data through `escape`. The result
/// - holds nothing a terminal acts on: C0 controls, DEL, C1 controls, bidirectional
///   embeddings, overrides and isolates, and line/paragraph separators are escaped;
/// - shows valid UTF-8 (CJK, emoji, combining marks) as itself;
/// - is unambiguous: a backslash is doubled, so two different byte strings never look the
///   same, and `bytes(of:)` gives the exact bytes back.
///
/// Escapes are those of `printf %b`, so a shell gets the bytes back with
/// `printf '%b' "$text"`: `\\`, `\n`, `\r`, `\t`, `\xHH` for any other control byte or a
/// byte that is not part of valid UTF-8, and `\uHHHH` for the other escaped characters.
public enum VisibleText {
    /// `bytes` as visible, unambiguous text.
    public static func escape(_ bytes: some Collection<UInt8>) -> String {
        // Most keys and tokens are printable ASCII without a backslash: nothing to do.
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != backslash }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        let bytes = Array(bytes)
        var text = ""
        text.reserveCapacity(bytes.count + 8)
        var index = 0
        while index < bytes.count {
            let length = UTF8Validation.sequenceLength(in: bytes, at: index)
            guard length > 0 else {
                appendHex(bytes[index], to: &text)
                index += 1
                continue
            }
            append(UTF8Validation.scalar(in: bytes, at: index, length: length), to: &text)
            index += length
        }
        return text
    }

    /// `string` (its UTF-8 bytes) as visible, unambiguous text.
    public static func escape(_ string: String) -> String { escape(Array(string.utf8)) }

    /// `scalar` as it is written in visible text: itself, or its escape.
    public static func append(_ scalar: Unicode.Scalar, to text: inout String) {
        if scalar == "\\" {
            text += "\\\\"
        } else if !mustEscape(scalar) {
            text.unicodeScalars.append(scalar)
        } else {
            switch scalar {
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x80: appendHex(UInt8(scalar.value), to: &text)
            default:
                let digits = String(scalar.value, radix: 16, uppercase: true)
                text += "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
            }
        }
    }

    /// Whether `scalar` could act on a terminal or hide what follows, and so is shown escaped.
    public static func mustEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true  // C0, DEL, C1
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true  // bidi controls
        case 0x2028, 0x2029: true  // line and paragraph separators
        default: false
        }
    }

    /// The exact bytes behind visible text made by `escape`; nil if `text` is not such text.
    public static func bytes(of text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        func hexValue(_ start: Int, _ count: Int) -> UInt32? {
            guard start + count <= utf8.count else { return nil }
            return UInt32(String(decoding: utf8[start..<start + count], as: UTF8.self), radix: 16)
        }
        while index < utf8.count {
            let byte = utf8[index]
            guard byte == backslash else {
                bytes.append(byte)
                index += 1
                continue
            }
            guard index + 1 < utf8.count else { return nil }
            switch utf8[index + 1] {
            case backslash: bytes.append(backslash); index += 2
            case UInt8(ascii: "n"): bytes.append(0x0A); index += 2
            case UInt8(ascii: "r"): bytes.append(0x0D); index += 2
            case UInt8(ascii: "t"): bytes.append(0x09); index += 2
            case UInt8(ascii: "x"):
                guard let value = hexValue(index + 2, 2) else { return nil }
                bytes.append(UInt8(value))
                index += 4
            case UInt8(ascii: "u"):
                guard let value = hexValue(index + 2, 4), let scalar = Unicode.Scalar(value) else { return nil }
                bytes += Array(String(scalar).utf8)
                index += 6
            default: return nil
            }
        }
        return bytes
    }

    private static let backslash = UInt8(ascii: "\\")

    private static func appendHex(_ byte: UInt8, to text: inout String) {
        let digits = String(byte, radix: 16, uppercase: true)
        text += "\\x" + (digits.count == 1 ? "0" : "") + digits
    }
}
