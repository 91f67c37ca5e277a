import Foundation

/// Byte-level tests of the token shapes in LOCK-LAYOUTS. They check lengths first and touch
/// only the bytes they need, so binary, invalid UTF-8 or megabyte values cost nothing.
enum TokenShape {
    /// A string value's bytes, when the scanner read all of it (a capped prefix is never a token).
    static func whole(_ value: KeyValue) -> [UInt8]? {
        guard case .string(let prefix, let length) = value, prefix.count == length else { return nil }
        return prefix
    }

    static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    /// The standard base64 alphabet (`+` and `/`), padding excluded.
    static func isBase64(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
    }

    /// Exactly `count` lowercase hex digits.
    static func isLowerHex(_ bytes: some Collection<UInt8>, count: Int) -> Bool {
        bytes.count == count && bytes.allSatisfy(isLowerHex)
    }

    /// A non-empty run of ASCII digits short enough to be a number, not a payload.
    static func isDecimal(_ bytes: some Collection<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.count <= 20 && bytes.allSatisfy(isDigit)
    }

    /// A lowercase UUID in its 36-character 8-4-4-4-12 form; `version` (e.g. `4`) when given.
    static func isUUID(_ bytes: some Collection<UInt8>, version: Character? = nil) -> Bool {
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            let isDash = index == 8 || index == 13 || index == 18 || index == 23
            guard isDash ? byte == UInt8(ascii: "-") : isLowerHex(byte) else { return false }
        }
        guard let version, let ascii = version.asciiValue else { return true }
        return bytes.dropFirst(14).first == ascii
    }

    /// When a `uuid.uuid1().hex` token (redis-py's) was made, or `nil` if `bytes` is not one.
    ///
    /// A random 32-hex token passes the version and variant digits once in 64 tries, and then
    /// carries a timestamp spread over 3,600 years; asking for one between 2000 and a day past
    /// `now` leaves about one random token in 10,000 mistaken for a uuid1.
    static func uuid1Date(_ bytes: [UInt8], now: Date) -> Date? {
        guard isLowerHex(bytes, count: 32), bytes[12] == UInt8(ascii: "1"),
              [UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b")].contains(bytes[16]) else { return nil }
        let timeLow = hexValue(bytes[0..<8])
        let timeMid = hexValue(bytes[8..<12])
        let timeHigh = hexValue(bytes[13..<16])
        // 100 ns intervals since 1582-10-15; 60 bits, so it fits a UInt64.
        let intervals = timeHigh << 48 | timeMid << 32 | timeLow
        let gregorianToUnix: UInt64 = 0x01B2_1DD2_1381_4000
        guard intervals >= gregorianToUnix else { return nil }
        let seconds = Double(intervals - gregorianToUnix) / 10_000_000
        guard seconds >= 946_684_800, seconds <= now.timeIntervalSince1970 + 86_400 else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// Base64 of 18 bytes as python-redis-lock writes it: 24 characters, no padding.
    static func isUnpaddedBase64Of18Bytes(_ bytes: [UInt8]) -> Bool {
        bytes.count == 24 && bytes.allSatisfy(isBase64)
    }

    /// Base64 of 16 bytes as redsync writes it: 22 characters and `==`. The last character
    /// before the padding carries 2 bits and 4 zero bits, so it is one of `A`, `Q`, `g`, `w`.
    static func isPaddedBase64Of16Bytes(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 24, bytes[22] == UInt8(ascii: "="), bytes[23] == UInt8(ascii: "=") else { return false }
        guard bytes[0..<22].allSatisfy(isBase64) else { return false }
        return [UInt8(ascii: "A"), UInt8(ascii: "Q"), UInt8(ascii: "g"), UInt8(ascii: "w")].contains(bytes[21])
    }

    /// The value of a run of hex digits already checked to be at most 16 long.
    private static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt64 {
        digits.reduce(0) { value, byte in
            let digit = isDigit(byte) ? byte - UInt8(ascii: "0") : byte - UInt8(ascii: "a") + 10
            return value << 4 | UInt64(digit)
        }
    }
}
