/// The byte-level escapers of the Markdown writer: text, info strings, entities.
extension InlineMarkdown {
    /// A fenced code block's info string: backslash escapes and entities are interpreted there.
    /// An info string is one line, so a line ending in it (read from `&#10;`) is written back
    /// as a character reference.
    static func escapeInfo(_ info: String) -> String {
        lineEndingsAsReferences(
            backslashing(info, ampersands: true) { b, i in
                b[i] == UInt8(ascii: "\\") || b[i] == UInt8(ascii: "`")
            })
    }

    /// `s` with each line ending written as a character reference (`&#10;`, `&#13;`, CR LF as
    /// `&#13;&#10;`): for text that must stay on one line or in one paragraph (info strings,
    /// link destinations and titles, text read from such references).
    static func lineEndingsAsReferences(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 10 || $0 == 13 }) else { return s }
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count + 8)
        for byte in s.utf8 {
            switch byte {
            case 10: out += Array("&#10;".utf8)
            case 13: out += Array("&#13;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `s` with a backslash before every byte `needsEscape` picks; only ASCII punctuation is
    /// ever picked, so the result stays valid UTF-8.
    ///
    /// With `ampersands`, an `&` that would start an entity is written `&amp;`: that is for
    /// link destinations, titles and info strings, where cmark-gfm (`cmark_clean_url`,
    /// `cmark_clean_title`) decodes entities before it removes backslash escapes, so `\&#3;`
    /// would read back as a backslash and U+0003 (a GFM `www.&#3;#` autolink keeps the `&`).
    static func backslashing(
        _ s: String, ampersands: Bool = false,
        _ needsEscape: (UnsafeBufferPointer<UInt8>, Int) -> Bool
    ) -> String {
        var copy = s
        return copy.withUTF8 { b in
            var out = [UInt8]()
            out.reserveCapacity(b.count + 4)
            for i in 0..<b.count {
                if ampersands, b[i] == UInt8(ascii: "&"), startsEntity(b, at: i) {
                    out.append(contentsOf: "&amp;".utf8)
                    continue
                }
                if needsEscape(b, i) { out.append(UInt8(ascii: "\\")) }
                out.append(b[i])
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The bytes ``escape`` may change: ASCII punctuation, and the lead bytes of the Unicode
    /// spaces it writes as references (``unicodeSpace``).
    static let isSpecial: [Bool] = (0..<256).map { b in
        "\\`*[]~_<&!|:.".utf8.contains(UInt8(b)) || b == 0xC2 || (0xE1...0xE3).contains(b)
    }

    /// Escapes text that is not at a line start, working on UTF-8 bytes.
    static func escape(
        _ b: UnsafeBufferPointer<UInt8>, context: Context, inLinkText: Bool, nextIsLink: Bool,
        previousScalar: Unicode.Scalar? = nil, everyUnderscore: Bool = false
    ) -> String {
        var out = [UInt8]()
        out.reserveCapacity(b.count + 8)
        func scalarBefore(_ i: Int) -> Unicode.Scalar? {
            if i == 0 { return previousScalar }
            var j = i - 1
            while j > 0, b[j] & 0xC0 == 0x80 { j -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: b[j..<i]), as: UTF8.self)
                .unicodeScalars.first
        }
        func scalarAfter(_ i: Int) -> Unicode.Scalar? {
            guard i + 1 < b.count else { return nil }
            var j = i + 2
            while j < b.count, b[j] & 0xC0 == 0x80 { j += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<j]), as: UTF8.self)
                .unicodeScalars.first
        }
        func isLetter(_ c: UInt8) -> Bool { (c | 32) >= 97 && (c | 32) <= 122 }
        func isAlnum(_ c: UInt8) -> Bool { isLetter(c) || (c >= 48 && c <= 57) }
        var i = 0
        while i < b.count {
            defer { i += 1 }
            let c = b[i]
            if c >= 0xC2, let (length, reference) = Self.unicodeSpace(b, at: i) {
                // Unicode whitespace other than ASCII's: cmark-gfm's flanking rules count it
                // as whitespace when raw, and an entity's `&` as punctuation, so a delimiter
                // next to `&nbsp;` in the source reads differently from one next to U+00A0.
                // It was read from an entity when emphasis starts or ends with it; as a
                // reference it reads back the same either way for the writer's own runs.
                out.append(contentsOf: reference.utf8)
                i += length - 1
                continue
            }
            var escape = false
            if isSpecial[Int(c)] {
                let next: UInt8? = i + 1 < b.count ? b[i + 1] : nil
                switch c {
                case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "["),
                    UInt8(ascii: "~"):
                    escape = true
                case UInt8(ascii: "]"):
                    escape = inLinkText
                case UInt8(ascii: "_"):
                    escape =
                        everyUnderscore
                        || !(scalarBefore(i)?.isAlphanumericScalar == true
                            && scalarAfter(i)?.isAlphanumericScalar == true)
                case UInt8(ascii: "<"):
                    if let n = next {
                        escape =
                            isLetter(n) || n == UInt8(ascii: "/") || n == UInt8(ascii: "!")
                            || n == UInt8(ascii: "?")
                    } else {
                        escape = true
                    }
                case UInt8(ascii: "&"):
                    escape = startsEntity(b, at: i)
                case UInt8(ascii: "!"):
                    escape = i == b.count - 1 && nextIsLink
                case UInt8(ascii: "|"):
                    escape = context == .tableCell
                case UInt8(ascii: ":"):
                    // GFM's autolink extension links `scheme://` in text; the original text was
                    // not a link (it sat in a bracket), so keep the extension from seeing it.
                    escape =
                        !inLinkText && i > 0 && isLetter(b[i - 1]) && next == UInt8(ascii: "/")
                        && i + 2 < b.count && b[i + 2] == UInt8(ascii: "/")
                case UInt8(ascii: "."):
                    escape =
                        !inLinkText && i >= 3 && b[i - 1] == 119 && b[i - 2] == 119
                        && b[i - 3] == 119 && (i == 3 || !isAlnum(b[i - 4]))
                default:
                    break
                }
            }
            if escape { out.append(UInt8(ascii: "\\")) }
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The length and character reference of the Unicode space separator (Zs, not U+0020)
    /// whose UTF-8 starts at `i`: U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F, U+3000.
    static func unicodeSpace(
        _ b: UnsafeBufferPointer<UInt8>, at i: Int
    ) -> (Int, String)? {
        guard i + 1 < b.count else { return nil }
        if b[i] == 0xC2 { return b[i + 1] == 0xA0 ? (2, "&nbsp;") : nil }
        guard i + 2 < b.count, b[i] >= 0xE1, b[i] <= 0xE3 else { return nil }
        let scalar = (UInt32(b[i] & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6)
            | UInt32(b[i + 2] & 0x3F)
        switch scalar {
        case 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
            return (3, "&#x" + String(scalar, radix: 16, uppercase: true) + ";")
        default: return nil
        }
    }

    static func startsEntity(_ b: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var i = index + 1
        guard i < b.count else { return false }
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        if b[i] == UInt8(ascii: "#") {
            i += 1
            var hex = false
            if i < b.count, b[i] | 32 == UInt8(ascii: "x") {
                hex = true
                i += 1
            }
            let start = i
            while i < b.count, i - start < 8,
                isDigit(b[i]) || (hex && (b[i] | 32) >= 97 && (b[i] | 32) <= 102)
            { i += 1 }
            return i > start && i < b.count && b[i] == UInt8(ascii: ";")
        }
        let start = i
        while i < b.count, i - start < 32,
            isDigit(b[i]) || ((b[i] | 32) >= 97 && (b[i] | 32) <= 122)
        { i += 1 }
        return i > start && i < b.count && b[i] == UInt8(ascii: ";")
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { self >= "0" && self <= "9" }
    var isASCIILetter: Bool { (self >= "a" && self <= "z") || (self >= "A" && self <= "Z") }
    var isASCIIAlphanumeric: Bool { isASCIIDigit || isASCIILetter }
    var isAlphanumericScalar: Bool {
        isASCII ? isASCIIAlphanumeric : properties.isAlphabetic || properties.numericType != nil
    }
}

extension String {
    func replacingPipes() -> String {
        guard contains("|") else { return self }
        var out = ""
        var previousBackslash = false
        for c in unicodeScalars {
            if c == "|", !previousBackslash { out += "\\" }
            out.unicodeScalars.append(c)
            previousBackslash = c == "\\" && !previousBackslash
        }
        return out
    }
}
