import Testing
@testable import TerminalUI

@Suite struct HelpOverlayTests {
    private let bindings = [
        KeyBinding(key: "q", description: "quit"),
        KeyBinding(key: "?", description: "help"),
        KeyBinding(key: "d", description: "force-release", isDangerous: true),
    ]

    @Test func listsBindingsWithDangerousOnesMarked() {
        #expect(text(render(HelpOverlay(bindings: bindings), width: 30, height: 7)) == [
            "",
            "    ┌ Help ─────────────┐",
            "    │ q   quit          │",
            "    │ ?   help          │",
            "    │ d ! force-release │",
            "    └───────────────────┘",
            "",
        ])
    }

    @Test func aListTooTallForTheAreaGoesIntoTwoColumnsSplitBetweenGroups() {
        let grouped = ["a", "b", "c"].map { KeyBinding(key: $0, description: "first \($0)", group: "One") }
            + ["x", "y", "z"].map { KeyBinding(key: $0, description: "second \($0)", group: "Two") }
        #expect(text(render(HelpOverlay(bindings: grouped), width: 60, height: 7)) == [
            "              ┌ Help ───────────────────────┐",
            "              │ One            Two          │",
            "              │ a   first a    x   second x │",
            "              │ b   first b    y   second y │",
            "              │ c   first c    z   second z │",
            "              └─────────────────────────────┘",
            "",
        ])
    }

    @Test func readOnlyModeLeavesOutDangerousBindings() {
        let overlay = HelpOverlay(bindings: bindings).hidingDangerous(true)
        #expect(overlay.shownBindings.map(\.key) == ["q", "?"])
        let shown = text(render(overlay, width: 30, height: 7)).joined(separator: "\n")
        #expect(!shown.contains("force-release"))
        #expect(shown.contains("quit"))
    }

    @Test func groupsGetHeadings() {
        let grouped = [
            KeyBinding(key: "j", description: "down", group: "Move"),
            KeyBinding(key: "k", description: "up", group: "Move"),
            KeyBinding(key: "d", description: "release", isDangerous: true, group: "Act"),
        ]
        let lines = text(render(HelpOverlay(bindings: grouped), width: 20, height: 9))
        #expect(lines.contains { $0.contains("│ Move") })
        #expect(lines.contains { $0.contains("│ Act") })
        #expect(lines.filter { $0.contains("Move") }.count == 1)
    }

    @Test func dangerousBindingsTakeTheDangerStyleAndKeysTheKeyStyle() {
        let overlay = HelpOverlay(bindings: bindings).keyStyle(Style(fg: .yellow)).dangerStyle(Style(fg: .red))
        let frame = render(overlay, width: 30, height: 7)
        #expect(frame.style(at: Point(x: 6, y: 2)) == Style(fg: .yellow))
        #expect(frame.style(at: Point(x: 6, y: 4)) == Style(fg: .yellow))
        #expect(frame.style(at: Point(x: 10, y: 4)) == Style(fg: .red))
        #expect(frame.style(at: Point(x: 10, y: 2)) == .plain)
    }

    @Test func rowsThatDoNotFitAreCounted() {
        let many = (1...10).map { KeyBinding(key: "\($0)", description: "view \($0)") }
        let lines = text(render(HelpOverlay(bindings: many), width: 20, height: 6))
        #expect(lines[4].contains("… 7 more"))
    }

    @Test func rendersNothingInAZeroSizeArea() {
        #expect(render(HelpOverlay(bindings: bindings), width: 0, height: 0).lines().isEmpty)
    }

    @Test func rendersOnlyTheBoxFillInAOneByOneArea() {
        #expect(render(HelpOverlay(bindings: bindings), width: 1, height: 1).lines() == [" "])
    }
}
