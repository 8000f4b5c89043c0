/// HTML as the text a reader sees, on the one HTML parser (libxml2's, through ``HTMLParser``).
///
/// The plain edition uses it for a post's raw HTML and the e-mail's text part for the theme's
/// footer.
public enum HTMLText {
    /// Tags dropped (each a word break), entities decoded, white space collapsed.
    public static func visibleText(_ html: String) -> String {
        paragraphs(fromHTML: html, showsLinks: false, splitsBlocks: false).joined(separator: " ")
    }

    /// The text in paragraphs, split at block elements (`p`, `div`, `br`, `li`, headings); with
    /// `showsLinks`, each link is followed by its address, `label <url>`.
    public static func paragraphs(
        fromHTML html: String, showsLinks: Bool = true, splitsBlocks: Bool = true
    ) -> [String] {
        var walker = Walker(showsLinks: showsLinks, splitsBlocks: splitsBlocks)
        walker.walk(HTMLParser.parseFragment(html))
        walker.end()
        return walker.paragraphs
    }

    /// True for `<br>`, `<br/>` and `<br />`.
    public static func isLineBreak(_ html: String) -> Bool {
        let compact = html.lowercased().filter { $0 != " " && $0 != "/" }
        return compact == "<br>"
    }

    private static let blocks: Set = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr",
        "blockquote", "pre",
    ]

    private struct Walker {
        let showsLinks: Bool
        let splitsBlocks: Bool
        var paragraphs: [String] = []
        var current = ""

        mutating func end() {
            let text = current.split(whereSeparator: { $0.isWhitespace || $0 == "\u{A0}" })
                .joined(separator: " ")
            if !text.isEmpty { paragraphs.append(text) }
            current = ""
        }

        mutating func walk(_ nodes: [HTMLNode]) {
            for node in nodes {
                switch node {
                case .text(let text): current += text
                case .comment: current += " "
                case .element(let element):
                    // Paragraphs keep inline elements flush with their text (`<a>x</a>.`);
                    // the visible text of a fragment treats every tag as a word break.
                    let isBlock = splitsBlocks && HTMLText.blocks.contains(element.name)
                    let gap = splitsBlocks ? "" : " "
                    if isBlock { end() } else { current += gap }
                    walk(element.children)
                    if showsLinks, element.name == "a", let href = element[attribute: "href"] {
                        current += " <\(href)>"
                    }
                    if isBlock { end() } else { current += gap }
                }
            }
        }
    }
}
