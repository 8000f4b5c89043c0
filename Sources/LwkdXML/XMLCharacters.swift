/// The XML 1.0 character and name rules that ``XMLWriter`` enforces before text reaches libxml2.
public enum XMLCharacters {
    /// True when XML 1.0 allows `c` in a document.
    ///
    /// XML 1.0 §2.2 `Char`: tab, line feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and
    /// U+10000–U+10FFFF. Swift strings hold no surrogates (invalid UTF-8 decodes to U+FFFD), so
    /// the surrogate block never reaches this test.
    public static func isAllowed(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// `text` without the characters XML 1.0 forbids, and the characters removed.
    public static func removingForbidden(from text: String) -> (String, removed: [Unicode.Scalar]) {
        guard needsCleaning(text) else { return (text, []) }
        var out = String.UnicodeScalarView()
        var removed: [Unicode.Scalar] = []
        for c in text.unicodeScalars {
            if isAllowed(c) { out.append(c) } else { removed.append(c) }
        }
        return (String(out), removed)
    }

    /// True for an ASCII XML name such as `entry` or `xml:lang` (all this project writes).
    public static func isName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isNameStart(first) else { return false }
        return name.utf8.allSatisfy {
            isNameStart($0) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 46
        }
    }
}

private extension XMLCharacters {
    static func isNameStart(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b == 58
    }

    /// A byte scan for C0 controls and U+FFFE/U+FFFF (EF BF BE, EF BF BF), the only forbidden
    /// characters valid UTF-8 can carry; most text has none and is returned untouched.
    static func needsCleaning(_ text: String) -> Bool {
        // Over the contiguous bytes (issue 14: the iterator's version was 7% of a feed run).
        var text = text
        return text.withUTF8 { bytes in
            let n = bytes.count
            var i = 0
            while i < n {
                let b = bytes[i]
                if b < 0x20 {
                    if b != 0x9, b != 0xA, b != 0xD { return true }
                } else if b == 0xEF, i + 2 < n, bytes[i + 1] == 0xBF,
                    bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF
                {
                    return true
                }
                i += 1
            }
            return false
        }
    }
}
