/// Turns HTML into XHTML that an XML parser accepts (for EPUB content documents).
public enum XHTML {
    /// Parses a raw HTML fragment with libxml2's HTML parser and writes it back as well-formed
    /// XHTML, through the same allowlist as ``HTMLSanitizer`` (no scripts, handlers or
    /// `javascript:` URLs; `data:` images are kept).
    ///
    /// Unclosed tags are closed, void elements become `<br />`, entities become characters and
    /// stray end tags are dropped, so the result is well-formed on its own.
    public static func fromHTMLFragment(_ html: String) -> String {
        fromHTMLFragmentReporting(html).html
    }

    /// Like ``fromHTMLFragment(_:)``, also returning what the allowlist removed (for warnings).
    public static func fromHTMLFragmentReporting(_ html: String) -> HTMLSanitizer.Result {
        let sanitizer = HTMLSanitizer(flavor: .xhtml, allowsDataImages: true)
        let (nodes, removals) = sanitizer.clean(HTMLParser.parseFragment(html))
        return HTMLSanitizer.Result(
            html: HTMLSerializer.serialize(nodes, flavor: .xhtml), removals: removals)
    }
}
