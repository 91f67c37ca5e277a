import CCurses
import Testing

/// The shim exposes what Swift cannot import directly; no screen is opened in-process.
@Suite struct CCursesSmokeTests {
    @Test func attributeShimsAreDistinctNonZeroBits() {
        let attributes = [ccurses_a_bold(), ccurses_a_reverse(), ccurses_a_underline(), ccurses_a_dim()]
        #expect(attributes.allSatisfy { $0 != 0 })
        #expect(Set(attributes).count == attributes.count)
        #expect(ccurses_a_normal() == 0)
    }

    @Test func wideCharacterAPIIsAvailable() {
        var cell = cchar_t()
        var text: [wchar_t] = [wchar_t(0xD55C), 0]  // 한
        let status = setcchar(&cell, &text, ccurses_a_bold(), 0, nil)
        #expect(status == OK)
    }

    @Test func resizeAndFunctionKeysImport() {
        #expect(ccurses_key_resize() == KEY_RESIZE)
        #expect(ccurses_key_f(10) == KEY_F0 + 10)
    }
}
