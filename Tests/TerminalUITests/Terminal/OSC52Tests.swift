import Testing
@testable import TerminalUI

@Suite struct OSC52Tests {
    @Test func theSequenceCarriesTheTextAsBase64BetweenOSCAndBEL() {
        #expect(OSC52.sequence(for: "lock:{a}") == "\u{1B}]52;c;bG9jazp7YX0=\u{07}")
        #expect(!OSC52.sequence(for: "x\u{1B}]0;title\u{07}").dropFirst().dropLast().contains("\u{1B}"))
    }
}
