import LwkdModel
import LwkdXML

extension PlainRenderer {
    /// Writes inlines into the layout's pending paragraph: markup dropped, links followed by
    /// their reference number, code and URLs kept whole.
    mutating func writeInlines(_ inlines: [Inline], mode: TextLayout.Mode) {
        for inline in inlines {
            switch inline {
            case .text(let text):
                layout.write(text, mode: mode)
            case .emphasis(let content), .strong(let content), .strikethrough(let content):
                writeInlines(content, mode: mode)
            case .code(let text):
                layout.write(text, mode: .literal)
            case .link(let link, let content):
                writeLink(link, content: content, mode: mode)
            case .image(let image, let content):
                let alt = content.plainText
                layout.write(alt.isEmpty ? "[image]" : "[image: \(alt)]", mode: mode)
                let url = site.absolute(image.source)
                if !url.isEmpty { layout.glue(" [\(reference(for: url))]", isSeparate: true) }
            case .softBreak:
                layout.space()
            case .hardBreak:
                layout.hardBreak()
            case .rawInline(let format, let text):
                if format == "html" {
                    if HTMLText.isLineBreak(text) { layout.hardBreak() }
                } else {
                    layout.write(text, mode: mode)
                }
            }
        }
    }

    /// A link whose text is its URL (an autolink, or `[url](url)`) is printed once, in place;
    /// any other link keeps its text and gains ` [n]`, glued so a line never starts with it.
    private mutating func writeLink(_ link: Link, content: [Inline], mode: TextLayout.Mode) {
        let url = site.absolute(link.destination)
        let text = content.plainText
        if url.isEmpty {
            writeInlines(content, mode: mode)
            return
        }
        if text.isEmpty || text == url
            || (link.destination.hasPrefix("mailto:") && "mailto:" + text == link.destination)
        {
            layout.write(text.isEmpty ? url : text, mode: .url)
            return
        }
        if text == link.destination {
            // `cloud.google.com/x` written as its own text: print the address it resolves to.
            layout.write(url, mode: .url)
            return
        }
        writeInlines(content, mode: mode)
        layout.glue(" [\(reference(for: url))]", isSeparate: true)
    }
}

