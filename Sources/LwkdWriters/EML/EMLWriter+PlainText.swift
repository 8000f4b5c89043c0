import LwkdModel
import LwkdXML

extension EMLWriter {
    /// The plain-text edition for the message's first part: the plain writer's RFC 3676
    /// `format=flowed` text, then a signature block with the theme's footer, the "view
    /// online" link and the unsubscribe link.
    static func plainText(
        of post: Post, in context: WriteContext, unsubscribeURL: String
    ) throws(WriteError) -> String {
        let body = try PlainTextWriter(flowed: true).write(post, in: context)
        var plain = String(decoding: body.bytes, as: UTF8.self)
        if !plain.hasSuffix("\n") { plain += "\n" }
        // The signature's text may fill 40 to 78 columns; the soft-break space goes beyond.
        var text = TextLayout(
            width: max(40, min(context.columns, 78)) + 1, isFlowed: true, continuing: plain)
        text.blankLineIfNeeded()
        // RFC 3676 §4.3: "-- " is the signature separator.
        text.line("-- ", mode: .literal)
        if let footer = context.theme.variables["footer_html"] {
            for paragraph in FooterText.paragraphs(fromHTML: footer) {
                text.paragraph(paragraph)
                text.blankLineIfNeeded()
            }
        }
        if let permalink = post.facts.permalink {
            text.paragraph("View this issue online: \(permalink)")
        }
        text.paragraph("Unsubscribe: \(unsubscribeURL)")
        return text.out
    }
}

/// The theme's footer HTML as plain paragraphs, links written `label <url>`.
private enum FooterText {
    static func paragraphs(fromHTML html: String) -> [String] {
        paragraphs(from: HTMLParser.parseFragment(html))
    }

    static func paragraphs(from nodes: [HTMLNode]) -> [String] {
        var paragraphs: [String] = []
        var current = ""
        func walk(_ nodes: [HTMLNode]) {
            for node in nodes {
                switch node {
                case .text(let text): current += text
                case .comment: break
                case .element(let element):
                    let isBlock = ["p", "div", "br", "li"].contains(element.name)
                    if isBlock, !current.trimmed.isEmpty {
                        paragraphs.append(current.trimmed)
                        current = ""
                    }
                    walk(element.children)
                    if element.name == "a", let href = element[attribute: "href"] {
                        current += " <\(href)>"
                    }
                    if isBlock, !current.trimmed.isEmpty {
                        paragraphs.append(current.trimmed)
                        current = ""
                    }
                }
            }
        }
        walk(nodes)
        if !current.trimmed.isEmpty { paragraphs.append(current.trimmed) }
        return paragraphs
    }
}

extension TextLayout {
    /// Writes `text` as one wrapped paragraph of prose.
    fileprivate mutating func paragraph(_ text: String) {
        write(text, mode: .normal)
        flush()
    }
}
