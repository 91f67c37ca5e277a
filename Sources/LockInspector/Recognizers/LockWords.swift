/// Whether a key's name says it is a lock: a word lock libraries and their users put in lock
/// names (`lock`, `mutex`, `semaphore`, `latch`, `lease`, `leader`), in any case, but not inside
/// the everyday words that contain one (`block`, `clock`, `release`, `leaderboard`).
/// Byte-level, as it runs on every candidate a scan reads.
enum LockWords {
    private struct Word {
        let bytes: [UInt8]
        /// Letters that may not come just before it (`b`lock, `c`lock); nil: no letter may.
        let notAfter: Set<UInt8>?
        /// What may not follow it (leader`board`).
        let notBefore: [UInt8]?
    }

    private static let words: [Word] = [
        Word(bytes: Array("lock".utf8), notAfter: [UInt8(ascii: "b"), UInt8(ascii: "c")], notBefore: nil),
        Word(bytes: Array("mutex".utf8), notAfter: [], notBefore: nil),
        Word(bytes: Array("semaphore".utf8), notAfter: [], notBefore: nil),
        Word(bytes: Array("latch".utf8), notAfter: [], notBefore: nil),
        Word(bytes: Array("lease".utf8), notAfter: nil, notBefore: nil),
        Word(bytes: Array("leader".utf8), notAfter: nil, notBefore: Array("board".utf8)),
    ]

    static func nameSaysLock(_ key: [UInt8]) -> Bool {
        guard key.count >= 4 else { return false }
        return words.contains { word in occurs(word, in: key) }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    private static func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower(byte))
    }

    private static func occurs(_ word: Word, in key: [UInt8]) -> Bool {
        let count = word.bytes.count
        guard key.count >= count else { return false }
        for start in 0...(key.count - count) where lower(key[start]) == word.bytes[0] {
            var offset = 1
            while offset < count, lower(key[start + offset]) == word.bytes[offset] { offset += 1 }
            guard offset == count else { continue }
            let end = start + count
            // camelCase (`jobLock`) starts a word even after a letter.
            let startsWord = start == 0 || !isLetter(key[start - 1])
                || isUpper(key[start]) && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(key[start - 1])
            let endsWord = end == key.count || !isLetter(key[end]) || isUpper(key[end])
            if !startsWord {
                // Inside a run of letters it counts only at its end (`redlock`), and not after the
                // letters that make it an everyday word (`block`): random ids rarely end a run so.
                guard endsWord, let refused = word.notAfter, !refused.contains(lower(key[start - 1])) else { continue }
            }
            if let notBefore = word.notBefore, key.count >= start + count + notBefore.count,
               key[(start + count)..<(start + count + notBefore.count)].map(lower).elementsEqual(notBefore) { continue }
            return true
        }
        return false
    }
}
