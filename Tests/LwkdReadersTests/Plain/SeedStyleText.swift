import LwkdModel

/// Renders a post the way seed 001 arrived.
///
/// `LWKD: <title>`, then one line per block with no blank lines and no markup, bullets as `- `,
/// and every other paragraph longer than 110 columns broken once at the last space before
/// column 100 (as a mail client or a copy from the web page breaks it). Images vanish, as they
/// do when text is copied from the page.
struct SeedStyleText {
    private(set) var lines: [String] = []
    private var longParagraphs = 0

    static func render(_ document: Document) -> String {
        var renderer = SeedStyleText()
        if let title = document.meta["title"]?.plainText { renderer.lines.append("LWKD: " + title) }
        renderer.write(document.blocks, prefix: "")
        return renderer.lines.joined(separator: "\n") + "\n"
    }

    private mutating func write(_ blocks: [Block], prefix: String) {
        for block in blocks { write(block, prefix: prefix) }
    }

    private mutating func write(_ block: Block, prefix: String) {
        switch block {
        case .paragraph(let content):
            let text = Self.text(content)
            guard !text.isEmpty else { return }
            if text.count > 110, prefix.isEmpty {
                longParagraphs += 1
                if longParagraphs % 2 == 1, let cut = text.prefix(100).lastIndex(of: " ") {
                    lines.append(String(text[..<cut]))
                    lines.append(String(text[text.index(after: cut)...]))
                    return
                }
            }
            lines.append(prefix + text)
        case .heading(_, _, _, let content):
            let text = Self.text(content)
            if !text.isEmpty { lines.append(prefix + text) }
        case .bulletList(let list):
            for item in list.items { writeItem(item.blocks, marker: "- ", prefix: prefix) }
        case .orderedList(let list):
            for (i, item) in list.items.enumerated() {
                writeItem(item.blocks, marker: "\(list.start + i). ", prefix: prefix)
            }
        case .blockQuote(let blocks):
            write(blocks, prefix: prefix + "> ")
        case .codeBlock(_, _, let text):
            for line in text.split(separator: "\n") where !line.allSatisfy({ $0 == " " }) {
                lines.append(prefix + "    " + line)
            }
        case .thematicBreak:
            break
        case .rawBlock(_, let text):
            let visible = Self.visible(text)
            if !visible.isEmpty { lines.append(prefix + visible) }
        case .table(let table):
            for row in [table.header] + table.rows {
                lines.append(prefix + row.map { Self.text($0) }.joined(separator: "  "))
            }
        }
    }

    private mutating func writeItem(_ blocks: [Block], marker: String, prefix: String) {
        let start = lines.count
        write(blocks, prefix: prefix + "  ")
        if start < lines.count {
            let first = lines[start]
            lines[start] = prefix + marker + first.dropFirst(prefix.count + 2)
        } else {
            lines.append(prefix + marker.trimmingSuffix())
        }
    }

    /// Plain text with images dropped and spaces collapsed.
    static func text(_ content: [Inline]) -> String {
        return withoutImages(content).plainText.split(whereSeparator: {
            $0 == " " || $0 == "\n" || $0 == "\t"
        })
        .joined(separator: " ")
    }

    private static func withoutImages(_ content: [Inline]) -> [Inline] {
        content.compactMap { inline -> Inline? in
            if case .image = inline { return nil }
            return inline.mappingChildren { withoutImages($0) }
        }
    }

    private static func visible(_ html: String) -> String {
        var out = ""
        var isInTag = false
        for c in html {
            if c == "<" {
                isInTag = true
            } else if c == ">" {
                isInTag = false
            } else if !isInTag {
                out.append(c)
            }
        }
        return out.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }
}

extension String {
    fileprivate func trimmingSuffix() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
