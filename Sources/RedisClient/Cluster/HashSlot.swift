/// The Redis Cluster hash slot of a key: CRC16 (XMODEM) of the key, or of the part between the
/// first `{` and the next `}` when that part is not empty (the hash tag), modulo 16384.
public enum HashSlot {
    /// Slots in a cluster.
    public static let count = 16384

    /// The slot `key` lives in.
    public static func of(_ key: some Collection<UInt8>) -> Int {
        let bytes = Array(key)
        return Int(crc16(hashed(bytes)) % UInt16(count))
    }

    /// The slot `key` lives in.
    public static func of(_ key: String) -> Int { of(Array(key.utf8)) }

    /// The bytes that decide the slot: the hash tag if there is a non-empty one, else the whole key.
    static func hashed(_ key: [UInt8]) -> ArraySlice<UInt8> {
        guard let open = key.firstIndex(of: UInt8(ascii: "{")),
              let close = key[(open + 1)...].firstIndex(of: UInt8(ascii: "}")),
              close > open + 1 else { return key[...] }
        return key[(open + 1)..<close]
    }

    static func crc16(_ bytes: ArraySlice<UInt8>) -> UInt16 {
        var crc: UInt16 = 0
        for byte in bytes {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 {
                crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1
            }
        }
        return crc
    }
}
