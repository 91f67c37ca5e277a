/// Finds the line of a field in TOML source text, for error messages.
///
/// TOMLKit reports lines only for syntax errors; a semantic error (an unknown colour) is found
/// after parsing, so its line is looked up here with a line-oriented scan that understands
/// `[table]` headers, dotted and quoted keys, and one level of inline tables. When the field
/// itself is not written out, the line of its nearest written ancestor is given.
public enum TOMLSourceLocator {
    /// The line (from 1) that defines `path`, or its deepest ancestor that appears; nil when none does.
    public static func line(of path: [String], in source: String) -> Int? {
        var table: [String] = []
        var best: (line: Int, depth: Int)?
        func consider(_ candidate: [String], line: Int) {
            guard candidate.count <= path.count, Array(path.prefix(candidate.count)) == candidate else { return }
            if best == nil || candidate.count > best?.depth ?? 0 { best = (line, candidate.count) }
        }
        for (index, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = withoutComment(Substring(rawLine)).trimmingSpaces
            if line.hasPrefix("[") {
                let name = line.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" })
                table = keyPath(Substring(name))
                consider(table, line: index + 1)
                continue
            }
            guard let equals = firstUnquoted("=", in: line) else { continue }
            let key = table + keyPath(line[..<equals])
            consider(key, line: index + 1)
            let value = line[line.index(after: equals)...].trimmingSpaces
            if value.hasPrefix("{") {
                for innerKey in inlineTableKeys(value) { consider(key + innerKey, line: index + 1) }
            }
        }
        return best?.line
    }

    /// The keys of the first level of an inline table `{ a = 1, b.c = { d = 2 } }`: a, b.c.
    private static func inlineTableKeys(_ text: Substring) -> [[String]] {
        var keys: [[String]] = []
        var depth = 0, quote: Character?, segment = ""
        func finishSegment() {
            if let equals = firstUnquoted("=", in: Substring(segment)) {
                keys.append(keyPath(Substring(segment)[..<equals]))
            }
            segment = ""
        }
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
                if depth == 1 { segment.append(character) }
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "{", "[": depth += 1
            case "}", "]": depth -= 1
            case "," where depth == 1: finishSegment(); continue
            default: break
            }
            if depth == 1 && character != "{" { segment.append(character) }
            if depth == 0 { finishSegment(); break }
        }
        return keys
    }

    /// A dotted key split into its parts, quotes removed: `a."b.c" ` -> ["a", "b.c"].
    private static func keyPath(_ text: Substring) -> [String] {
        var parts: [String] = [], current = "", quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current)
                current = ""
            } else if character != " " && character != "\t" {
                current.append(character)
            }
        }
        parts.append(current)
        return parts.filter { !$0.isEmpty }
    }

    private static func withoutComment(_ line: Substring) -> Substring {
        firstUnquoted("#", in: line).map { line[..<$0] } ?? line
    }

    private static func firstUnquoted(_ target: Character, in text: Substring) -> Substring.Index? {
        var quote: Character?
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == target {
                return index
            }
        }
        return nil
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
