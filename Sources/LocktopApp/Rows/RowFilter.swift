/// The `/` filter: a case-insensitive substring, or a regex when it starts with `~`.
struct RowFilter {
    private enum Matcher {
        case all
        case substring(String)
        case regex(Regex<AnyRegexOutput>)
    }

    private let matcher: Matcher

    /// A filter for `text`; throws `RowFilter.InvalidRegex` for a bad `~` pattern.
    init(validating text: String) throws {
        if text.isEmpty {
            matcher = .all
        } else if text.hasPrefix("~") {
            do {
                matcher = .regex(try Regex(String(text.dropFirst())))
            } catch {
                throw InvalidRegex(pattern: String(text.dropFirst()), reason: "\(error)")
            }
        } else {
            matcher = .substring(text.lowercased())
        }
    }

    /// A filter for `text` already validated; an invalid regex matches everything.
    init(_ text: String) {
        self = (try? RowFilter(validating: text)) ?? RowFilter(matcher: .all)
    }

    private init(matcher: Matcher) { self.matcher = matcher }

    /// No filter: every row passes without being looked at.
    var matchesEverything: Bool {
        if case .all = matcher { return true }
        return false
    }

    func matches(_ text: String) -> Bool {
        switch matcher {
        case .all: true
        case .substring(let needle): text.lowercased().contains(needle)
        case .regex(let regex): (try? regex.firstMatch(in: text)) != nil
        }
    }

    /// Why a `~` filter was refused.
    struct InvalidRegex: Error {
        var pattern: String
        var reason: String
    }
}
