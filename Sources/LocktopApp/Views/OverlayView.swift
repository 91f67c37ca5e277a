import TerminalUI

/// The help box or a dialog, centred over everything else.
struct OverlayView: Widget {
    var overlay: Overlay
    var readOnly: Bool
    var theme: Theme

    func render(in area: Rect, into frame: inout Frame) {
        guard !area.isEmpty else { return }
        switch overlay {
        case .help:
            HelpOverlay(bindings: KeyMap.bindings(readOnly: false)).hidingDangerous(readOnly).title("Keys")
                .theme(theme).render(in: area, into: &frame)
        case .confirm(.forceRelease(let key, _, _, let owner)):
            Dialog.confirm(title: "Force-release this lock?",
                           message: "key: \(KeyText.full(key, limit: 200))\nowner: \(owner)\nIt is deleted only if this owner still holds it.")
                .theme(theme).width(64).render(in: area, into: &frame)
        case .confirm(.removeWaiter(let queue, _, let shown)):
            Dialog.confirm(title: "Remove this waiter?",
                           message: "queue: \(KeyText.full(queue.key, limit: 200))\nwaiter: \(shown)")
                .theme(theme).width(64).render(in: area, into: &frame)
        case .confirm(.releaseHolder(let lock, _, let shown)):
            Dialog.confirm(title: "Release this holder?",
                           message: "key: \(KeyText.full(lock.key, limit: 200))\nholder: \(shown)\nOnly this holder is released, only if it still holds; the others keep theirs.")
                .theme(theme).width(64).render(in: area, into: &frame)
        case .extend(let target, let input):
            Dialog.input(title: "Extend lock", prompt: "Add how many milliseconds to \(KeyText.full(target.key, limit: 200))?", input: input)
                .theme(theme).width(64).render(in: area, into: &frame)
        case .simulate(let form):
            SimulationDialog(form: form, theme: theme).render(in: area, into: &frame)
        }
    }
}
