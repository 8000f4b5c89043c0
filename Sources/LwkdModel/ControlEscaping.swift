extension String {
    /// The text with every control character (C0, DEL, C1) written as an escape: `\r`, `\n`,
    /// `\t`, else `\u{1B}`. Messages that quote input show it this way, so a hostile value can
    /// neither move the terminal's cursor, retitle its window, nor start a new line.
    public var escapingControls: String {
        guard unicodeScalars.contains(where: \.isControl) else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            guard scalar.isControl else {
                out.append(scalar)
                continue
            }
            let escape: String
            switch scalar {
            case "\r": escape = "\\r"
            case "\n": escape = "\\n"
            case "\t": escape = "\\t"
            default: escape = "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            out.append(contentsOf: escape.unicodeScalars)
        }
        return String(out)
    }
}

extension Unicode.Scalar {
    /// C0 controls (U+0000–U+001F), DEL and C1 controls (U+0080–U+009F).
    public var isControl: Bool { value < 0x20 || (value >= 0x7F && value < 0xA0) }
}
