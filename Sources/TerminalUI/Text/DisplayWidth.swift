/// Width in terminal columns from Unicode data, never from the C locale (which may be "C" and say -1).
///
/// East Asian Wide and Fullwidth characters (Hangul, CJK, fullwidth forms) and emoji take two
/// columns; combining marks and other zero-width scalars take none; everything else takes one.
/// A grapheme cluster is as wide as its base, except that emoji sequences (VS16, ZWJ, skin
/// tones, flags, keycaps) take two, as modern terminals draw them.
public enum DisplayWidth {
    /// The columns one grapheme cluster takes (controls count zero: `DisplayText` escapes them).
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let base = scalars.first else { return 0 }
        if scalars.count > 1, let emojiWidth = emojiSequenceWidth(base: base, scalars: scalars) {
            return emojiWidth
        }
        return of(base)
    }

    /// The columns a string takes once escaped for display (see `DisplayText`).
    public static func of(_ string: String) -> Int {
        DisplayText(string).width
    }

    /// The columns one scalar takes on its own: 0, 1 or 2 (controls count zero).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value < 0x20 ? 0 : 1 }
        if isZeroWidth(scalar) { return 0 }
        if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD: return false  // soft hyphen: terminals draw it
        case 0x1160...0x11FF, 0xD7B0...0xD7FF: return true  // Hangul medial vowels and final consonants
        case 0x200B: return true  // zero width space (category Cf in newer data, Zs in old)
        default: break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return true
        default: return false
        }
    }

    static func isWide(_ value: UInt32) -> Bool {
        var low = 0, high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if value < range.lowerBound {
                high = mid - 1
            } else if value > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    /// Width of a multi-scalar emoji cluster, or nil when the cluster is not one.
    private static func emojiSequenceWidth(base: Unicode.Scalar, scalars: Character.UnicodeScalarView) -> Int? {
        let isRegionalIndicator = (0x1F1E6...0x1F1FF).contains(base.value)
        if isRegionalIndicator { return 2 }
        guard base.properties.isEmoji else { return nil }
        var hasPresentationSelector = false, hasJoinerOrModifier = false
        for scalar in scalars.dropFirst() {
            switch scalar.value {
            case 0xFE0E: return 1  // VS15 asks for text presentation
            case 0xFE0F, 0x20E3: hasPresentationSelector = true  // VS16, keycap
            case 0x200D, 0x1F3FB...0x1F3FF: hasJoinerOrModifier = true  // ZWJ, skin tones
            case 0xE0020...0xE007F: hasJoinerOrModifier = true  // tag sequences (subdivision flags)
            default: break
            }
        }
        return hasPresentationSelector || hasJoinerOrModifier ? 2 : nil
    }
}
