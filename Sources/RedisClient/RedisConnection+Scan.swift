import CHiredis

/// One page of a SCAN.
public struct ScanPage: Sendable {
    /// The cursor for the next call; `"0"` when the pass is complete.
    public let cursor: [UInt8]
    /// How many keys the server returned in this page.
    public let returned: Int
    /// The returned keys that passed the filter.
    public let keys: [[UInt8]]

    public var isLast: Bool { cursor == [UInt8(ascii: "0")] }
}

extension RedisConnection {
    /// One SCAN call whose keys are filtered on the connection's thread, straight from the
    /// reply buffer: a pass over a million keys then copies only the ones that matter.
    public func scanPage(
        cursor: [UInt8],
        match: String? = nil,
        count: Int,
        where keep: @Sendable (UnsafeRawBufferPointer) -> Bool
    ) throws(RedisError) -> ScanPage {
        var arguments: [any RedisArgument] = [cursor]
        if let match { arguments += ["MATCH", match] }
        arguments += ["COUNT", count]
        let command = RedisCommand("SCAN", arguments: arguments)
        let page: ScanPage? = try withContext("SCAN") { context throws(HiredisFailure) in
            try context.command(command) { reply -> ScanPage? in
                let top = reply.pointee
                guard top.type == REDIS_REPLY_ARRAY, top.elements == 2, let parts = top.element,
                      let cursorReply = parts[0], let keysReply = parts[1],
                      cursorReply.pointee.type == REDIS_REPLY_STRING, keysReply.pointee.type == REDIS_REPLY_ARRAY else { return nil }
                let next = Array(UnsafeRawBufferPointer(start: cursorReply.pointee.str, count: cursorReply.pointee.len))
                var kept: [[UInt8]] = []
                let returned = keysReply.pointee.elements
                if let elements = keysReply.pointee.element {
                    for index in 0..<returned {
                        guard let element = elements[index], element.pointee.type == REDIS_REPLY_STRING else { continue }
                        let bytes = UnsafeRawBufferPointer(start: element.pointee.str, count: element.pointee.len)
                        if keep(bytes) { kept.append(Array(bytes)) }
                    }
                }
                return ScanPage(cursor: next, returned: returned, keys: kept)
            }
        }
        guard let page else {
            throw RedisError.protocolViolation(endpoint: endpoint.description, command: "SCAN", reason: "expected [cursor, [keys]]")
        }
        return page
    }
}
