/// A centred box that asks for confirmation ([y]/[n]) or for a line of input.
///
/// ```swift
/// Dialog.confirm(title: "Force release?", message: "lock:{coupon:1} held by web-1 pid 42")
///     .theme(theme).render(in: frame.area, into: &frame)
/// Dialog.input(title: "Extend", prompt: "Extend by (s):", input: input)  // also sets frame.cursor
/// ```
public struct Dialog: Widget, Sendable {
    /// What the dialog asks for.
    public enum Kind: Hashable, Sendable {
        case confirm
        case input(TextInput)
    }

    private var title: String
    private var message: String
    private var kind: Kind
    private var style: Style = .plain
    private var borderStyle: Style = .plain
    private var titleStyle: Style = Style(bold: true)
    private var hintStyle: Style = Style(dim: true)
    private var fieldStyle: Style = Style(underline: true)
    private var preferredWidth = 50

    /// A yes/no question.
    public static func confirm(title: String, message: String) -> Dialog {
        Dialog(title: title, message: message, kind: .confirm)
    }

    /// A prompt with a one-line field showing `input` and its cursor.
    public static func input(title: String, prompt: String, input: TextInput) -> Dialog {
        Dialog(title: title, message: prompt, kind: .input(input))
    }

    private init(title: String, message: String, kind: Kind) {
        self.title = title
        self.message = message
        self.kind = kind
    }

    /// The style inside the box.
    public func style(_ style: Style) -> Dialog { var copy = self; copy.style = style; return copy }
    /// The style of the border.
    public func borderStyle(_ style: Style) -> Dialog { var copy = self; copy.borderStyle = style; return copy }
    /// The style of the title.
    public func titleStyle(_ style: Style) -> Dialog { var copy = self; copy.titleStyle = style; return copy }
    /// The style of the key hints.
    public func hintStyle(_ style: Style) -> Dialog { var copy = self; copy.hintStyle = style; return copy }
    /// The style of the input field.
    public func fieldStyle(_ style: Style) -> Dialog { var copy = self; copy.fieldStyle = style; return copy }
    /// A copy at most `width` columns wide (50 unless set; always within the area).
    public func width(_ width: Int) -> Dialog { var copy = self; copy.preferredWidth = max(1, width); return copy }

    /// The key hints shown under the message.
    public var hints: String {
        switch kind {
        case .confirm: "[y] yes  [n] no"
        case .input: "[Enter] ok  [Esc] cancel"
        }
    }

    /// The box this dialog occupies in `area`.
    public func box(in area: Rect) -> Rect {
        let width = min(area.width, preferredWidth)
        let innerWidth = max(0, width - 4)
        let messageLines = TextBlock(message).lineCount(width: innerWidth)
        let fieldLines = if case .input = kind { 1 } else { 0 }
        // border, blank, message, field, blank, hints, border
        let height = min(area.height, messageLines + fieldLines + 5)
        return area.centered(width: width, height: height)
    }

    public func render(in area: Rect, into frame: inout Frame) {
        let area = area.intersection(frame.area)
        guard !area.isEmpty else { return }
        let box = box(in: area)
        Panel(title: title).style(style).borderStyle(style.patched(with: borderStyle))
            .titleStyle(style.patched(with: titleStyle)).render(in: box, into: &frame)
        let inner = box.inset(horizontal: 2, vertical: 1)
        guard !inner.isEmpty else { return }
        let (content, hintRow) = inner.splitBottom(1)
        frame.put(hints, at: hintRow.origin, style: style.patched(with: hintStyle), maxWidth: hintRow.width)
        guard content.height >= 2 else { return }
        var body = content.splitTop(1).rest.splitBottom(1).rest
        if case .input(let input) = kind, body.height >= 1 {
            let (rest, field) = body.splitBottom(1)
            drawField(input, in: field, into: &frame)
            body = rest
        }
        TextBlock(message).style(style).render(in: body, into: &frame)
    }

    /// Draws the field, scrolled so the cursor stays inside, and puts the terminal cursor there.
    private func drawField(_ input: TextInput, in field: Rect, into frame: inout Frame) {
        let fieldStyle = style.patched(with: self.fieldStyle)
        frame.fill(field, style: fieldStyle)
        let texts = input.characters.map { DisplayText(String($0)) }
        let widths = texts.map(\.width)
        let cursorColumn = widths.prefix(input.cursor).reduce(0, +)
        // Keep one column free for the cursor at the end of the text.
        var start = 0, shift = 0
        while cursorColumn - shift >= field.width, start < texts.count {
            shift += widths[start]
            start += 1
        }
        let visible = DisplayText(graphemes: texts[start...].flatMap(\.graphemes))
        frame.put(visible, at: field.origin, style: fieldStyle, maxWidth: field.width, overflow: .clip)
        frame.cursor = Point(x: field.x + min(cursorColumn - shift, max(0, field.width - 1)), y: field.y)
    }
}
