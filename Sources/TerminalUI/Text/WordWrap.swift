/// Greedy word wrapping by display width.
///
/// Lines break at spaces; the spaces at a break are dropped. A word longer than a line is
/// broken between graphemes, never inside one, so a wide character that does not fit moves
/// to the next line whole.
enum WordWrap {
    static func wrap(_ graphemes: [StyledGrapheme], width: Int) -> [[StyledGrapheme]] {
        guard width > 0 else { return [] }
        var builder = Builder(limit: width)
        for word in words(graphemes) {
            if word.first?.isSpace == true {
                builder.addSpaces(word)
            } else {
                builder.addWord(word)
            }
        }
        return builder.finish()
    }

    private struct Builder {
        let limit: Int
        var lines: [[StyledGrapheme]] = []
        var line: [StyledGrapheme] = []
        var lineWidth = 0
        var pendingSpaces: [StyledGrapheme] = []

        init(limit: Int) { self.limit = limit }

        mutating func addSpaces(_ spaces: [StyledGrapheme]) {
            // Leading spaces of the paragraph are indentation and stay; others wait for the next word.
            if lines.isEmpty && line.isEmpty {
                appendBreaking(spaces)
            } else {
                pendingSpaces += spaces
            }
        }

        mutating func addWord(_ word: [StyledGrapheme]) {
            let wordWidth = width(of: word)
            let spacesWidth = width(of: pendingSpaces)
            if lineWidth + spacesWidth + wordWidth <= limit {
                line += pendingSpaces + word
                lineWidth += spacesWidth + wordWidth
            } else if wordWidth <= limit {
                if !line.isEmpty { breakLine() }
                line = word
                lineWidth = wordWidth
            } else {
                // Too long for any line: start it here if a space still fits, and break inside it.
                if !line.isEmpty && lineWidth + spacesWidth < limit {
                    line += pendingSpaces
                    lineWidth += spacesWidth
                } else if !line.isEmpty {
                    breakLine()
                }
                appendBreaking(word)
            }
            pendingSpaces = []
        }

        mutating func finish() -> [[StyledGrapheme]] {
            if !line.isEmpty || lines.isEmpty { lines.append(line) }
            return lines
        }

        private mutating func appendBreaking(_ graphemes: [StyledGrapheme]) {
            for grapheme in graphemes {
                if lineWidth + grapheme.width > limit && !line.isEmpty { breakLine() }
                guard grapheme.width <= limit else { continue }  // a wide character in a 1-column area
                line.append(grapheme)
                lineWidth += grapheme.width
            }
        }

        private mutating func breakLine() {
            lines.append(line)
            line = []
            lineWidth = 0
        }

        private func width(of graphemes: [StyledGrapheme]) -> Int {
            graphemes.reduce(0) { $0 + $1.width }
        }
    }

    /// Runs of spaces and runs of non-spaces, in order.
    private static func words(_ graphemes: [StyledGrapheme]) -> [[StyledGrapheme]] {
        var result: [[StyledGrapheme]] = []
        var current: [StyledGrapheme] = []
        for grapheme in graphemes {
            if let last = current.last, last.isSpace != grapheme.isSpace {
                result.append(current)
                current = []
            }
            current.append(grapheme)
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}
