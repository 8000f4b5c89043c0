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
        var text = MinimalPlainText(width: max(40, min(context.columns, 78)))
        text.out = String(decoding: body.bytes, as: UTF8.self)
        if !text.out.hasSuffix("\n") { text.out += "\n" }
        text.blank()
        // RFC 3676 §4.3: "-- " is the signature separator.
        text.line("-- ")
        if let footer = context.theme.variables["footer_html"] {
            for paragraph in FooterText.paragraphs(fromHTML: footer) {
                text.paragraph(paragraph, prefix: "")
                text.blank()
            }
        }
        if let permalink = post.facts.permalink {
            text.paragraph("View this issue online: \(permalink)", prefix: "")
        }
        text.paragraph("Unsubscribe: \(unsubscribeURL)", prefix: "")
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

/// Flowed paragraphs for the signature block (RFC 3676 §4.2: soft breaks end in a space).
private struct MinimalPlainText {
    let width: Int
    var out = ""

    mutating func line(_ s: String) { out += stuffed(s) + "\n" }

    mutating func blank() {
        if !out.isEmpty, !out.hasSuffix("\n\n") { out += "\n" }
    }

    mutating func paragraph(_ text: String, prefix: String) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        var current = prefix
        var hasWord = false
        for word in words {
            if hasWord, current.count + 1 + word.count > width {
                out += stuffed(current) + " \n"
                current = prefix
                hasWord = false
            }
            current += (hasWord ? " " : "") + word
            hasWord = true
        }
        out += stuffed(current.trailingSpacesRemoved) + "\n"
    }

    private func stuffed(_ line: String) -> String {
        // RFC 3676 §4.4: space-stuff lines starting with a space or "From ".
        if line.hasPrefix(" ") || line.hasPrefix("From ") { return " " + line }
        return line
    }
}

extension String {
    fileprivate var trailingSpacesRemoved: String {
        var s = Substring(self)
        while s.hasSuffix(" ") { s.removeLast() }
        return String(s)
    }
}
