import LwkdModel
import LwkdXML

extension EMLWriter {
    /// The plain-text edition for the message's first part, as RFC 3676 `format=flowed`
    /// text: soft-wrapped lines end in a space, so readers can re-flow them.
    ///
    /// TODO(#4): switch to `PlainTextWriter(flowed: true)` once the plain writer is on main.
    static func plainText(
        of document: Document, in context: WriteContext, unsubscribeURL: String
    ) -> String {
        let site = context.site
        let permalink = site.permalink(of: document.meta)
        let resolver = EmailURLResolver(site: site, permalink: permalink)
        var text = MinimalPlainText(
            width: max(40, min(context.columns, 78)), resolve: resolver.resolve)
        let title = document.meta.title ?? Subject.weekEndingTitle(of: document) ?? site.name
        text.line(site.name)
        text.line(title)
        text.line(String(repeating: "=", count: min(title.count, 72)))
        text.blank()
        text.blocks(document.blocks, prefix: "")
        text.blank()
        text.line("-- ")
        if let footer = context.theme.variables["footer_html"] {
            for paragraph in FooterText.paragraphs(fromHTML: footer) {
                text.paragraph(paragraph, prefix: "")
                text.blank()
            }
        }
        if let permalink { text.paragraph("View this issue online: \(permalink)", prefix: "") }
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

/// A small flowed-text renderer (see ``EMLWriter/plainText(of:in:unsubscribeURL:)``).
private struct MinimalPlainText {
    let width: Int
    let resolve: (String) -> String
    var out = ""
    var listDepth = 0

    mutating func line(_ s: String) { out += stuffed(s) + "\n" }

    mutating func blank() {
        if !out.isEmpty, !out.hasSuffix("\n\n") { out += "\n" }
    }

    mutating func blocks(_ blocks: [Block], prefix: String) {
        for block in blocks { self.block(block, prefix: prefix) }
    }

    mutating func block(_ block: Block, prefix: String) {
        switch block {
        case .paragraph(let content):
            paragraph(inlines(content), prefix: prefix)
            out += "\n"
        case .heading(let level, _, _, let content):
            let text = inlines(content)
            paragraph(level <= 2 ? text.uppercased() : text, prefix: prefix)
            out += "\n"
        case .bulletList(let list):
            items(list.items.map { ("* ", $0) }, prefix: prefix)
        case .orderedList(let list):
            items(
                list.items.enumerated().map { ("\(list.start + $0.offset). ", $0.element) },
                prefix: prefix)
        case .blockQuote(let children):
            blocks(children, prefix: prefix + "> ")
        case .codeBlock(_, _, let code):
            for codeLine in code.split(separator: "\n", omittingEmptySubsequences: false) {
                out += stuffed(prefix + "    " + codeLine).trailingSpacesRemoved + "\n"
            }
            out += "\n"
        case .thematicBreak:
            line(prefix + "----")
            out += "\n"
        case .rawBlock(let format, let raw):
            guard format == "html" else { return }
            let kept = HTMLSanitizer().clean(HTMLParser.parseFragment(raw)).nodes
            for text in FooterText.paragraphs(from: kept) {
                paragraph(text, prefix: prefix)
                out += "\n"
            }
        case .table(let table):
            for row in [table.header] + table.rows {
                paragraph(row.map { inlines($0) }.joined(separator: " | "), prefix: prefix)
            }
            out += "\n"
        }
    }

    private mutating func items(_ items: [(String, ListItem)], prefix: String) {
        listDepth += 1
        defer { listDepth -= 1 }
        for (marker, item) in items {
            let indent = String(repeating: " ", count: marker.count)
            var first = true
            for child in item.blocks {
                if case .paragraph(let content) = child {
                    paragraph(
                        inlines(content), prefix: prefix,
                        firstPrefix: first ? prefix + marker : prefix + indent,
                        continuation: prefix + indent)
                } else {
                    block(child, prefix: prefix + indent)
                }
                first = false
            }
        }
        if listDepth == 1 { out += "\n" }
    }

    mutating func paragraph(_ text: String, prefix: String) {
        paragraph(text, prefix: prefix, firstPrefix: prefix, continuation: prefix)
    }

    /// Wraps words; every line but a paragraph's last ends in a space (RFC 3676 §4.2).
    private mutating func paragraph(
        _ text: String, prefix: String, firstPrefix: String, continuation: String
    ) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        var current = firstPrefix
        var hasWord = false
        for word in words {
            if hasWord, current.count + 1 + word.count > width {
                out += stuffed(current) + " \n"
                current = continuation
                hasWord = false
            }
            current += (hasWord ? " " : "") + word
            hasWord = true
        }
        out += stuffed(current.trailingSpacesRemoved) + "\n"
    }

    private func stuffed(_ line: String) -> String {
        // RFC 3676 §4.4: space-stuff lines starting with a space, ">" (outside quotes) or "From ".
        if line.hasPrefix(" ") || line.hasPrefix("From ") { return " " + line }
        return line
    }

    private func inlines(_ content: [Inline]) -> String {
        var s = ""
        for inline in content {
            switch inline {
            case .text(let text): s += text
            case .code(let text): s += text
            case .emphasis(let c), .strong(let c), .strikethrough(let c): s += inlines(c)
            case .link(let link, let c):
                let label = inlines(c)
                let url = resolve(link.destination)
                s +=
                    label == link.destination || label == url || url.hasPrefix("mailto:" + label)
                    ? "<\(url)>" : "\(label) <\(url)>"
            case .image(let image, let c): s += "[\(inlines(c))] <\(resolve(image.source))>"
            case .softBreak: s += " "
            case .hardBreak: s += "\n"
            case .rawInline: break
            }
        }
        return s
    }
}

extension String {
    fileprivate var trailingSpacesRemoved: String {
        var s = Substring(self)
        while s.hasSuffix(" ") { s.removeLast() }
        return String(s)
    }
}
