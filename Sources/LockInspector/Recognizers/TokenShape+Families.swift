import Foundation

/// The token shapes a lock library writes, told apart byte by byte, for values under names no
/// library claims (`ShapeRecognizer`) and for the evidence `locktop discover` prints.
extension TokenShape {
    /// Which shape family `token` has, if any. Hex comes before base64: 32 hex digits are
    /// also base64 characters, and are far more often someone's hex token.
    static func family(of token: [UInt8]) -> LockFamily? {
        if isUUID(anyCase: token) { return .tokenUUID }
        if isLowerHex(token, count: 32) || (token.count == 32 && token.allSatisfy(isUpperHex)) { return .tokenHex32 }
        if base64ByteCount(token).map({ (16...24).contains($0) }) == true { return .tokenBase64 }
        return nil
    }

    static func isUpperHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    /// A UUID in its 36-character 8-4-4-4-12 form, lowercase or uppercase (Swift's
    /// `UUID().uuidString` is uppercase), not mixed.
    static func isUUID(anyCase bytes: [UInt8]) -> Bool {
        if isUUID(bytes) { return true }
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            let isDash = index == 8 || index == 13 || index == 18 || index == 23
            guard isDash ? byte == UInt8(ascii: "-") : isUpperHex(byte) else { return false }
        }
        return true
    }

    /// How many bytes a base64 or base64url text encodes (padded or not, one alphabet), or
    /// nil when it is not one. Texts of one character class only (all digits, all lowercase
    /// letters: numbers and words) or of hex digits only are not taken for random bytes.
    static func base64ByteCount(_ text: [UInt8]) -> Int? {
        let padding = text.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        guard padding <= 2 else { return nil }
        let body = text.dropLast(padding)
        guard body.count >= 2, padding == 0 || text.count % 4 == 0 else { return nil }
        var standard = false, url = false, upper = false, lower = false, digit = false
        for byte in body {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lower = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = true
            case UInt8(ascii: "+"), UInt8(ascii: "/"): standard = true
            case UInt8(ascii: "-"), UInt8(ascii: "_"): url = true
            default: return nil
            }
        }
        guard !(standard && url), [upper, lower, digit].filter({ $0 }).count >= 2 else { return nil }
        // Hex digits only: a hex token of an odd length, not random bytes in base64.
        guard !body.allSatisfy({ isLowerHex($0) }), !body.allSatisfy({ isUpperHex($0) }) else { return nil }
        guard body.count % 4 != 1 else { return nil }
        return body.count * 3 / 4
    }

    /// What a 32-hex token is: a uuid1 (it carries its time), a uuid4, or other random hex.
    static func hexVariant(_ token: [UInt8], now: Date) -> String {
        if uuid1Date(token, now: now) != nil { return "uuid1 hex" }
        if token.count == 32, token[12] == UInt8(ascii: "4"),
           [UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(token[16]) { return "uuid4 hex" }
        return "random hex"
    }
}
