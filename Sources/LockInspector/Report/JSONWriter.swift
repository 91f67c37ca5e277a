import Foundation

/// Writes compact JSON byte by byte, formatting every value exactly as Foundation's
/// `JSONEncoder` does with `.withoutEscapingSlashes` and `.iso8601` dates, so a report
/// written by hand reads the same as an encoded one (tests compare the two).
///
/// The caller writes keys in the order it wants them (sorted, for a stable report). A
/// member whose value is `nil` is left out, as synthesized `Encodable` does.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the open object or array already has a member (a comma goes first).
    private var hasMember: [Bool] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: - Containers

    mutating func object(_ body: (inout JSONWriter) throws -> Void) rethrows {
        try container(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), body)
    }

    mutating func array(_ body: (inout JSONWriter) throws -> Void) rethrows {
        try container(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), body)
    }

    mutating func array<Element>(_ elements: [Element], _ write: (inout JSONWriter, Element) throws -> Void) rethrows {
        try array { writer in
            for element in elements { try write(&writer, element) }
        }
    }

    private mutating func container(open: UInt8, close: UInt8, _ body: (inout JSONWriter) throws -> Void) rethrows {
        startValue()
        bytes.append(open)
        hasMember.append(false)
        try body(&self)
        hasMember.removeLast()
        bytes.append(close)
    }

    /// Starts a member of the open object; the value written next is its value. The names
    /// in this file's callers are plain ASCII literals, which need no escaping.
    mutating func key(_ name: StaticString) {
        openKey()
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        closeKey()
    }

    /// Starts a member whose name is data (a saga's step names), escaped like any string.
    mutating func key(_ name: String) {
        openKey()
        JSONStringEscaping.append(name, to: &bytes)
        closeKey()
    }

    private mutating func openKey() {
        separate()
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func closeKey() {
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        pendingKey = true
    }

    private var pendingKey = false

    /// A value in an array needs a comma after the one before; a member's value follows its key.
    private mutating func startValue() {
        if pendingKey {
            pendingKey = false
        } else {
            separate()
        }
    }

    private mutating func separate() {
        guard let last = hasMember.indices.last else { return }
        if hasMember[last] { bytes.append(UInt8(ascii: ",")) }
        hasMember[last] = true
    }

    // MARK: - Members

    mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    mutating func member(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        number(value)
    }

    mutating func member(_ name: StaticString, _ value: Int32?) {
        guard let value else { return }
        key(name)
        number(Int(value))
    }

    mutating func member(_ name: StaticString, _ value: Bool) {
        key(name)
        startValue()
        bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
    }

    mutating func member(_ name: StaticString, _ value: Double) {
        key(name)
        number(value)
    }

    mutating func member(_ name: StaticString, _ value: Date?) {
        guard let value else { return }
        key(name)
        startValue()
        ISO8601Seconds.append(value, to: &bytes)
    }

    // MARK: - Values

    mutating func string(_ value: String) {
        startValue()
        bytes.append(UInt8(ascii: "\""))
        JSONStringEscaping.append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func number(_ value: Int) {
        startValue()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// As `JSONEncoder`: the shortest round-trip text, without a trailing ".0". JSON has no
    /// infinities (Redis sorted-set scores may be `inf`) nor NaN: they are written as the
    /// strings "inf", "-inf" and "nan", as `JSONEncoder` does with `.convertToString`.
    mutating func number(_ value: Double) {
        guard value.isFinite else {
            string(value.isNaN ? "nan" : value < 0 ? "-inf" : "inf")
            return
        }
        startValue()
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }
}
