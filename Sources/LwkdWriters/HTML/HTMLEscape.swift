import LwkdXML

/// Escaping for HTML and XML text and attribute values.
///
/// Control characters and noncharacters that XML 1.0 forbids are dropped, so XHTML output stays
/// well-formed. Text with nothing to escape is returned as is; the rest goes through
/// libxml2-side ``HTMLSerializer/escape(_:quotes:)``, the one escaper both layers share.
public enum HTMLEscape {
    /// Escapes `&`, `<`, `>` for element content.
    public static func text(_ s: String) -> String { escape(s, quotes: false) }

    /// Escapes `&`, `<`, `>`, `"` for a double-quoted attribute value.
    public static func attribute(_ s: String) -> String { escape(s, quotes: true) }

    private static func escape(_ s: String, quotes: Bool) -> String {
        // 0xC2 may start U+00A0 and 0xEF U+FFFE/U+FFFF, which the shared escaper rewrites.
        for b in s.utf8
        where b == 38 || b == 60 || b == 62 || (quotes && b == 34) || b == 0xC2 || b == 0xEF
            || (b < 32 && b != 9 && b != 10 && b != 13)
        {
            return HTMLSerializer.escape(s, quotes: quotes)
        }
        return s
    }
}
