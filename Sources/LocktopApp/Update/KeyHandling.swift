import TerminalUI

extension AppState {
    /// Routes a key: an open overlay or filter prompt takes it first, then the key map.
    mutating func handle(_ key: KeyEvent) -> [Effect] {
        if case .mouse(let mouse) = key {
            handle(mouse)
            return []
        }
        if let overlay {
            return handle(key, in: overlay)
        }
        if filterInput != nil {
            editFilter(key)
            return []
        }
        statusMessage = nil
        guard let action = KeyMap.action(for: key) else { return [] }
        if action.isDangerous && session.readOnly {
            statusMessage = "read-only: \(action.description) is disabled"
            return []
        }
        return action.handler(&self, key)
    }

    private mutating func handle(_ key: KeyEvent, in overlay: Overlay) -> [Effect] {
        switch overlay {
        case .help:
            self.overlay = nil
            return []
        case .confirm(let action):
            switch key {
            case .character("y"), .character("Y"):
                guard closeDialogForWrite() else { return [] }
                statusMessage = "\(action.effect.actionName ?? "action") sent"
                return [action.effect]
            case .character("n"), .character("N"), .escape:
                return cancelDialog()
            default:
                return []
            }
        case .extend(let target, var input):
            return editExtend(key, target: target, input: &input)
        case .simulate(let form):
            return editSimulation(key, form: form)
        }
    }

    /// Closes the dialog without doing anything (Esc, n).
    mutating func cancelDialog() -> [Effect] {
        overlay = nil
        statusMessage = "cancelled"
        return []
    }

    /// Closes the dialog that asked for a write; false (and says so) in a read-only session.
    /// Checked again here, not only when the dialog opened: nothing that writes may leave a read-only session.
    mutating func closeDialogForWrite() -> Bool {
        overlay = nil
        guard !session.readOnly else {
            statusMessage = "read-only: nothing was sent"
            return false
        }
        return true
    }

    private mutating func editExtend(_ key: KeyEvent, target: ExtendTarget, input: inout TextInput) -> [Effect] {
        switch key {
        case .escape:
            return cancelDialog()
        case .enter:
            guard let milliseconds = Int64(input.text), milliseconds > 0 else {
                statusMessage = "extend: type a number of milliseconds"
                return []
            }
            guard closeDialogForWrite() else { return [] }
            statusMessage = "extend sent"
            return [target.effect(adding: .milliseconds(milliseconds))]
        case .character(let character):
            // Digits only, and few enough that the number stays an Int64.
            guard character.isASCII, character.isNumber, input.characters.count < 12 else { return [] }
            input.handle(key)
        default:
            input.handle(key)
        }
        overlay = .extend(target, input)
        return []
    }

    private mutating func editFilter(_ key: KeyEvent) {
        guard var input = filterInput else { return }
        switch key {
        case .enter:
            do {
                _ = try RowFilter(validating: input.text)
                filter = input.text
                filterInput = nil
                statusMessage = nil
            } catch let error as RowFilter.InvalidRegex {
                statusMessage = "invalid regex \(error.pattern): \(error.reason)"
            } catch {
                statusMessage = "invalid filter"
            }
        case .escape:
            filter = ""
            filterInput = nil
            statusMessage = nil
        default:
            input.handle(key)
            filterInput = input
        }
    }
}
