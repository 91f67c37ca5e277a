import LockInspector
import TerminalUI

/// The `c` dialog: which pattern to simulate on a resource, with how many clients, how long
/// each holds the lock and for how many seconds.
public struct SimulationForm: Sendable, Hashable {
    /// The form's fields, in the order Tab and the arrows move through them.
    public enum Field: Int, CaseIterable, Sendable, Hashable {
        case pattern, clients, hold, seconds

        var label: String {
            switch self {
            case .pattern: "pattern"
            case .clients: "clients"
            case .hold: "hold (ms)"
            case .seconds: "seconds"
            }
        }
    }

    /// The resource whose lock the clients contend for (as its shadow under `locktop:sim:`).
    public var resource: String
    public var pattern: SimulationPattern = .notified
    public var clients = TextInput("8")
    public var holdMilliseconds = TextInput("10")
    public var seconds = TextInput("10")
    public var focus: Field = .pattern
    /// A semaphore simulation's permit count: the selected semaphore's, when it records one.
    public var permits = 4

    /// Numbers are kept short enough to stay valid integers.
    static let maximumDigits = 6

    /// A form for `resource` with the defaults: notified lock, 8 clients holding 10 ms, for 10 s.
    public init(resource: String) {
        self.resource = resource
    }

    /// The text of a number field.
    func text(of field: Field) -> String {
        switch field {
        case .pattern: pattern.displayName
        case .clients: clients.text
        case .hold: holdMilliseconds.text
        case .seconds: seconds.text
        }
    }

    /// Moves between fields, cycles the pattern (←→ or space), or edits the focused number.
    mutating func edit(_ key: KeyEvent) {
        let fields = Field.allCases
        switch key {
        case .up, .backTab:
            focus = fields[(focus.rawValue + fields.count - 1) % fields.count]
        case .down, .tab:
            focus = fields[(focus.rawValue + 1) % fields.count]
        case .left where focus == .pattern:
            cyclePattern(by: -1)
        case .right where focus == .pattern, .character(" ") where focus == .pattern:
            cyclePattern(by: 1)
        case .character(let character):
            guard character.isASCII, character.isNumber, focus != .pattern else { return }
            editNumber { input in
                if input.characters.count < Self.maximumDigits { _ = input.handle(key) }
            }
        default:
            editNumber { _ = $0.handle(key) }
        }
    }

    /// The parameters the form describes; throws naming the field that is out of range.
    public func parameters() throws(SimulationError) -> SimulationParameters {
        func number(_ input: TextInput, _ field: Field) throws(SimulationError) -> Int {
            guard let value = Int(input.text) else { throw .invalidParameters("\(field.label) must be a whole number, got '\(input.text)'") }
            return value
        }
        let parameters = SimulationParameters(
            pattern: pattern, clients: try number(clients, .clients), hold: .milliseconds(try number(holdMilliseconds, .hold)),
            limit: .duration(.seconds(try number(seconds, .seconds))), resource: resource, permits: permits)
        try parameters.validate()
        return parameters
    }

    private mutating func cyclePattern(by step: Int) {
        let patterns = SimulationPattern.allCases
        let index = patterns.firstIndex(of: pattern) ?? 0
        pattern = patterns[(index + step + patterns.count) % patterns.count]
    }

    private mutating func editNumber(_ change: (inout TextInput) -> Void) {
        switch focus {
        case .pattern: break
        case .clients: change(&clients)
        case .hold: change(&holdMilliseconds)
        case .seconds: change(&seconds)
        }
    }
}
