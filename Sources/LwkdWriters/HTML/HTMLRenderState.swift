import LwkdModel

/// Per-render state: the output buffer and the heading ids used so far.
struct HTMLRenderState {
    let renderer: HTMLRenderer
    var out = ""
    var ids = HeadingIDs()
    /// How many links the output is inside; HTML forbids a link inside a link.
    var linkDepth = 0

    init(renderer: HTMLRenderer) {
        self.renderer = renderer
        out.reserveCapacity(32 * 1024)
    }

    private var isXHTML: Bool { renderer.flavor == .xhtml }

    /// `<name attrs>`.
    mutating func open(_ name: String, _ attributes: String = "") {
        out += "<" + name + attributes + ">"
    }

    /// A void element: `<name attrs>` in HTML, `<name attrs />` in XHTML.
    mutating func void(_ name: String, _ attributes: String = "") {
        out += "<" + name + attributes + (isXHTML ? " />" : ">")
    }

    // MARK: - Blocks

    mutating func writeBlocks(_ blocks: [Block], tight: Bool) {
        for block in blocks { writeBlock(block, tight: tight) }
    }

    mutating func writeBlock(_ block: Block, tight: Bool) {
        switch block {
        case .paragraph(let content):
            if tight {
                writeInlines(content)
            } else {
                open("p")
                writeInlines(content)
                out += "</p>\n"
            }
        case .heading(let level, _, let attr, let content):
            let n = max(1, min(6, level))
            var attributes = ""
            if renderer.shouldAddHeadingIDs {
                let id =
                    attr.identifier.isEmpty ? ids.make(for: content.plainText) : attr.identifier
                attributes = " id=\"\(HTMLEscape.attribute(id))\""
            }
            open("h\(n)", attributes)
            writeInlines(content)
            out += "</h\(n)>\n"
        case .bulletList(let list):
            open("ul")
            out += "\n"
            writeItems(list.items, tight: list.spacing == .tight)
            out += "</ul>\n"
        case .orderedList(let list):
            open("ol", list.start == 1 ? "" : " start=\"\(list.start)\"")
            out += "\n"
            writeItems(list.items, tight: list.spacing == .tight)
            out += "</ol>\n"
        case .blockQuote(let blocks):
            open("blockquote")
            out += "\n"
            writeBlocks(blocks, tight: false)
            out += "</blockquote>\n"
        case .codeBlock(_, let info, let text):
            open("pre")
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            open(
                "code",
                language.isEmpty ? "" : " class=\"language-\(HTMLEscape.attribute(language))\"")
            out += HTMLEscape.text(text)
            out += "</code></pre>\n"
        case .thematicBreak:
            void("hr")
            out += "\n"
        case .rawBlock(let format, let text):
            guard format == "html" else { return }
            out += raw(text, isBlock: true)
            if !out.hasSuffix("\n") { out += "\n" }
        case .table(let table):
            writeTable(table)
        }
    }

    private mutating func writeItems(_ items: [ListItem], tight: Bool) {
        for item in items {
            open("li")
            if let task = item.task {
                // Email clients strip form controls, so the checkbox is a character.
                out += task == .checked ? "\u{2611} " : "\u{2610} "
            }
            let isSimple = tight && item.blocks.count <= 1
            if !isSimple, !tight { out += "\n" }
            for (index, block) in item.blocks.enumerated() {
                if tight, index > 0, case .paragraph = block { out += "\n" }
                writeBlock(block, tight: tight)
            }
            out += "</li>\n"
        }
    }

    private mutating func writeTable(_ table: Table) {
        open("table")
        out += "\n"
        open("thead")
        out += "\n"
        writeRow(table.header, cell: "th", alignments: table.alignments)
        out += "</thead>\n"
        if !table.rows.isEmpty {
            open("tbody")
            out += "\n"
            for row in table.rows { writeRow(row, cell: "td", alignments: table.alignments) }
            out += "</tbody>\n"
        }
        out += "</table>\n"
    }

    private mutating func writeRow(_ cells: [[Inline]], cell: String, alignments: [Alignment]) {
        open("tr")
        for (index, content) in cells.enumerated() {
            let alignment = index < alignments.count ? alignments[index] : .none
            let style = alignment == .none ? "" : " style=\"text-align: \(alignment.rawValue)\""
            open(cell, style)
            writeInlines(content)
            out += "</\(cell)>"
        }
        out += "</tr>\n"
    }

    // MARK: - Inlines

    mutating func writeInlines(_ inlines: [Inline]) {
        for inline in inlines { writeInline(inline) }
    }

    private mutating func writeInline(_ inline: Inline) {
        switch inline {
        case .text(let text):
            out += HTMLEscape.text(text)
        case .emphasis(let content):
            open("em")
            writeInlines(content)
            out += "</em>"
        case .strong(let content):
            open("strong")
            writeInlines(content)
            out += "</strong>"
        case .strikethrough(let content):
            open("del")
            writeInlines(content)
            out += "</del>"
        case .code(let text):
            open("code")
            out += HTMLEscape.text(text)
            out += "</code>"
        case .link(let link, let content):
            // HTML 5.2 §4.5.1: an `a` element must have no interactive descendant, so a link
            // inside a link is written as its text.
            guard linkDepth == 0 else {
                writeInlines(content)
                return
            }
            var attributes = " href=\"\(HTMLEscape.attribute(url(link.destination)))\""
            if !link.title.isEmpty {
                attributes += " title=\"\(HTMLEscape.attribute(link.title))\""
            }
            open("a", attributes)
            linkDepth += 1
            writeInlines(content)
            linkDepth -= 1
            out += "</a>"
        case .image(let image, let content):
            var attributes = " src=\"\(HTMLEscape.attribute(url(image.source)))\""
            attributes += " alt=\"\(HTMLEscape.attribute(content.plainText))\""
            if !image.title.isEmpty {
                attributes += " title=\"\(HTMLEscape.attribute(image.title))\""
            }
            void("img", attributes)
        case .softBreak:
            out += "\n"
        case .hardBreak:
            void("br")
            out += "\n"
        case .rawInline(let format, let text):
            if format == "html" { out += raw(text, isBlock: false) }
        }
    }

    /// The writer's URL, percent-encoded into a valid URL as cmark-gfm's renderer does.
    private func url(_ destination: String) -> String {
        URLText.percentEncoded(renderer.resolveURL(destination))
    }

    private func raw(_ html: String, isBlock: Bool) -> String {
        if let hook = renderer.rawHTML { return hook(html, isBlock) }
        return isXHTML ? HTMLEscape.text(html) : html
    }
}
