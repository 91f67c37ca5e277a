import RedisClient

/// Reads TYPE, PTTL and a capped value for a batch of keys in two pipelined round trips.
///
/// The first round trip also asks for the string value, since most lock keys are strings;
/// for other types those replies are WRONGTYPE errors and a second round trip reads them.
public struct KeyReader: Sendable {
    public let connection: RedisConnection
    public let caps: ReadCaps

    public init(connection: RedisConnection, caps: ReadCaps = ReadCaps()) {
        self.connection = connection
        self.caps = caps
    }

    /// Reads keys that are probably strings (lock keys mostly are) with two commands each
    /// (PTTL, GETRANGE) instead of four; keys that turn out not to be strings, and strings
    /// as long as the cap (whose length GETRANGE cannot tell), are read in full. The records
    /// are the ones `read` returns, in another order.
    public func readStrings(_ keys: [[UInt8]]) async throws(RedisError) -> [KeyRecord] {
        guard !keys.isEmpty else { return [] }
        var commands: [RedisCommand] = []
        commands.reserveCapacity(keys.count * 2)
        for key in keys {
            commands.append(RedisCommand("PTTL", key))
            commands.append(RedisCommand("GETRANGE", key, 0, caps.stringBytes - 1))
        }
        let replies = try await connection.pipeline(commands)
        var records: [KeyRecord] = []
        var others: [[UInt8]] = []
        for (index, key) in keys.enumerated() {
            let pttl = replies[index * 2].int ?? -2
            // A prefix shorter than the cap is the whole value; at the cap the length is unknown.
            guard let prefix = replies[index * 2 + 1].bytes, prefix.count < caps.stringBytes else {
                others.append(key)
                continue
            }
            if pttl == -2 { continue }
            records.append(KeyRecord(key: key, type: .string, pttl: pttl, value: .string(prefix: prefix, length: prefix.count)))
        }
        return records + (try await read(others))
    }

    /// Records for the keys that still exist, in the order given.
    public func read(_ keys: [[UInt8]]) async throws(RedisError) -> [KeyRecord] {
        guard !keys.isEmpty else { return [] }
        var first: [RedisCommand] = []
        first.reserveCapacity(keys.count * 4)
        for key in keys {
            first.append(RedisCommand("TYPE", key))
            first.append(RedisCommand("PTTL", key))
            first.append(RedisCommand("GETRANGE", key, 0, caps.stringBytes - 1))
            first.append(RedisCommand("STRLEN", key))
        }
        let replies = try await connection.pipeline(first)

        var records: [KeyRecord?] = Array(repeating: nil, count: keys.count)
        var pending: [(index: Int, type: KeyType, pttl: Int)] = []
        for (index, key) in keys.enumerated() {
            let base = index * 4
            let type = KeyType(typeReply: replies[base].string ?? "none")
            let pttl = replies[base + 1].int ?? -2
            switch type {
            case .none:
                continue
            case .string:
                let prefix = replies[base + 2].bytes ?? []
                records[index] = KeyRecord(key: key, type: type, pttl: pttl,
                                           value: .string(prefix: prefix, length: replies[base + 3].int ?? prefix.count))
            case .other:
                records[index] = KeyRecord(key: key, type: type, pttl: pttl, value: .unread)
            default:
                pending.append((index, type, pttl))
            }
        }
        if !pending.isEmpty {
            var second: [RedisCommand] = []
            for item in pending { second += valueCommands(keys[item.index], item.type) }
            let values = try await connection.pipeline(second)
            var cursor = 0
            for item in pending {
                let count = valueCommands(keys[item.index], item.type).count
                let slice = Array(values[cursor..<(cursor + count)])
                cursor += count
                records[item.index] = KeyRecord(key: keys[item.index], type: item.type, pttl: item.pttl,
                                                value: decode(item.type, slice))
            }
        }
        return records.compactMap { $0 }
    }

    private func valueCommands(_ key: [UInt8], _ type: KeyType) -> [RedisCommand] {
        switch type {
        case .hash: [RedisCommand("HLEN", key), RedisCommand("HSCAN", key, 0, "COUNT", caps.hashFields)]
        case .zset: [RedisCommand("ZCARD", key), RedisCommand("ZRANGE", key, 0, caps.zsetMembers - 1, "WITHSCORES")]
        case .list: [RedisCommand("LLEN", key), RedisCommand("LRANGE", key, 0, caps.listElements - 1)]
        case .stream: [RedisCommand("XLEN", key), RedisCommand("XREVRANGE", key, "+", "-", "COUNT", caps.streamEntries)]
        case .set: [RedisCommand("SCARD", key)]
        case .string, .none, .other: []
        }
    }

    private func decode(_ type: KeyType, _ replies: [RESPValue]) -> KeyValue {
        let count = replies.first?.int ?? 0
        switch type {
        case .hash:
            let flat = replies.count > 1 ? (replies[1].array?.last?.array ?? []) : []
            var fields: [HashField] = []
            var index = 0
            while index + 1 < flat.count && fields.count < caps.hashFields {
                fields.append(HashField(field: flat[index].bytes ?? [], value: flat[index + 1].bytes ?? []))
                index += 2
            }
            return .hash(fields: fields, count: count)
        case .zset:
            let flat = replies.count > 1 ? (replies[1].array ?? []) : []
            var members: [ZSetMember] = []
            var index = 0
            while index + 1 < flat.count {
                members.append(ZSetMember(member: flat[index].bytes ?? [], score: Double(flat[index + 1].string ?? "") ?? 0))
                index += 2
            }
            return .zset(members: members, count: count)
        case .list:
            return .list(elements: (replies.count > 1 ? replies[1].array ?? [] : []).map { $0.bytes ?? [] }, count: count)
        case .stream:
            let entries = (replies.count > 1 ? replies[1].array ?? [] : []).compactMap(Self.streamEntry)
            return .stream(entries: entries, length: count)
        case .set:
            return .set(count: count)
        case .string, .none, .other:
            return .unread
        }
    }

    private static func streamEntry(_ reply: RESPValue) -> StreamEntry? {
        guard let parts = reply.array, parts.count == 2, let id = parts[0].string, let flat = parts[1].array else { return nil }
        var fields: [HashField] = []
        var index = 0
        while index + 1 < flat.count {
            fields.append(HashField(field: flat[index].bytes ?? [], value: flat[index + 1].bytes ?? []))
            index += 2
        }
        return StreamEntry(id: id, fields: fields)
    }
}
