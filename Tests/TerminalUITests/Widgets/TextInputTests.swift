import Testing
@testable import TerminalUI

@Suite struct TextInputTests {
    @Test func typingInsertsAtTheCursor() {
        var input = TextInput("lk")
        input.handle(.left)
        input.handle(.character("o"))
        input.handle(.end)
        input.handle(.character(":"))
        #expect(input.text == "lok:")
        #expect(input.cursor == 4)
    }

    @Test func backspaceAndDeleteRemoveAroundTheCursor() {
        var input = TextInput("락:쿠폰")
        input.handle(.backspace)
        #expect(input.text == "락:쿠")
        input.handle(.home)
        input.handle(.delete)
        #expect(input.text == ":쿠")
        input.handle(.backspace)
        #expect(input.text == ":쿠")
        #expect(input.cursor == 0)
    }

    @Test func cursorStaysWithinTheText() {
        var input = TextInput("ab")
        input.handle(.right)
        #expect(input.cursor == 2)
        input.handle(.home)
        input.handle(.left)
        #expect(input.cursor == 0)
    }

    @Test func nonEditingKeysAreNotConsumed() {
        var input = TextInput()
        let enter = input.handle(.enter)
        let escape = input.handle(.escape)
        let bell = input.handle(.character("\u{7}"))
        let emoji = input.handle(.character("👍"))
        #expect(!enter && !escape && !bell)
        #expect(emoji)
        #expect(input.text == "👍")
    }
}
