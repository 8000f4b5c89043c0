import LwkdModel

/// What Buttondown's Markdown reads differently from the GFM the posts are written in, and how
/// the body is written so it does not.
///
/// Buttondown renders Markdown with Python-Markdown plus the smarty, tables, footnotes,
/// fenced_code, pymdownx.tilde and CodeHilite extensions, and takes any HTML as it is
/// (https://docs.buttondown.com/using-markdown, "Markdown mode"). Against GFM that means:
/// - content nested in a list item (a sub-list, a second paragraph) must be indented four
///   spaces, else it is not nested (Python-Markdown issue #3, "Nested lists require 4 spaces of
///   indent"): list items with more than one block are indented four spaces;
/// - fenced code only works at the document root (fenced_code), raw HTML blocks only there
///   (Markdown's own rule), ordered lists always start at 1, and there are no task lists: a
///   top-level block holding any of these inside a list or quote is written as HTML;
/// - ordered lists are numbered `1.` only (`1)` is a paragraph), so every one is written so;
/// - there is no backslash hard break and no bare-URL autolink: hard breaks are `<br />`,
///   autolinks are written `[url](url)`;
/// - backslash escapes exist only for `` \`*_{}[]()>#+-.! ``: a `~`, `<`, `|` (in a table) or
///   entity-like `&` that GFM needs escaped is written as an HTML character reference instead;
/// - smarty turns `--` into an en dash: runs of hyphens in text are written `&#45;`.
enum ButtondownMarkdown {
    /// Nested content's indent (Python-Markdown's four spaces).
    static let continuationIndent = 4

    /// Turns each top-level block into blocks with absolute URLs, written so Buttondown reads
    /// them as GFM does. One block at a time, so the writer never holds a second model of a
    /// whole post (issue 15's memory bound).
    static func converter(
        resolve: @escaping @Sendable (String) -> String,
        rawHTML: @escaping @Sendable (String, Bool) -> String
    ) -> (Block) -> [Block] {
        let html = HTMLRenderer(
            flavor: .html, resolveURL: { $0 }, rawHTML: rawHTML, shouldAddHeadingIDs: false)
        let prepare: ([Inline]) -> [Inline] = { inlines in
            inlines.flatMap { inline -> [Inline] in
                switch inline {
                case .text(let text): return protect(text)
                case .link(var link, let content):
                    link.destination = resolve(link.destination)
                    link.kind = .inline
                    // In link text `://` needs no protection (nothing autolinks there).
                    return [.link(link: link, content: unprotectedInlines(content, only: ":"))]
                case .image(var image, let content):
                    image.source = resolve(image.source)
                    return [.image(image: image, content: content)]
                case .hardBreak: return [.rawInline(format: "html", text: "<br />"), .softBreak]
                case .rawInline(let format, let text) where format == "html":
                    return [.rawInline(format: format, text: rawHTML(text, false))]
                default: return [inline]
                }
            }
        }
        return { top in
            Block.map([top.mappingInlines(prepare)], periodDelimited).map { block in
                if case .rawBlock(let format, let text) = block, format == "html" {
                    return .rawBlock(format: format, text: rawHTML(text, true))
                }
                if needsHTML(block, nested: false) {
                    return .rawBlock(format: "html", text: html.render([unprotected(block)]))
                }
                return tableCellsProtected(block)
            }
        }
    }

    /// An ordered list numbered `1)` as `1.`: Python-Markdown knows only the period.
    private static func periodDelimited(_ block: Block) -> [Block] {
        guard case .orderedList(var list) = block, list.delimiter != .period else { return [block] }
        list.delimiter = .period
        return [.orderedList(list: list)]
    }

    /// True when Python-Markdown would read `block` (or something in it) differently.
    static func needsHTML(_ block: Block, nested: Bool) -> Bool {
        switch block {
        case .bulletList(let list):
            return list.items.contains { $0.task != nil || $0.blocks.contains(where: isNested) }
        case .orderedList(let list):
            return list.start != 1
                || list.items.contains { $0.task != nil || $0.blocks.contains(where: isNested) }
        case .blockQuote(let blocks): return blocks.contains(where: isNested)
        case .table(let table):
            // A pipe in a cell's code span has no escape Python-Markdown's tables honour.
            return nested
                || (table.header + table.rows.flatMap { $0 }).contains(where: hasPipeInCode)
        case .codeBlock, .rawBlock: return nested
        case .paragraph, .heading, .thematicBreak: return false
        }
    }

    private static func isNested(_ block: Block) -> Bool { needsHTML(block, nested: true) }

    private static func hasPipeInCode(_ cell: [Inline]) -> Bool {
        cell.contains { if case .code(let text) = $0 { text.contains("|") } else { false } }
    }

    /// `text` as inlines Python-Markdown reads back as `text`: characters it has no escape
    /// for, and hyphen runs smarty would turn into dashes, as character references.
    static func protect(_ text: String, inTable: Bool = false) -> [Inline] {
        var out: [Inline] = []
        var plain = ""
        let characters = Array(text)
        func flush() {
            if !plain.isEmpty { out.append(.text(text: plain)) }
            plain = ""
        }
        for (index, character) in characters.enumerated() {
            let reference: String?
            switch character {
            case "~": reference = "&#126;"
            case ":" where text[text.index(text.startIndex, offsetBy: index)...].hasPrefix("://"):
                // GFM would escape it (`\:`) against its bare-URL autolinks; Python-Markdown
                // has no such escape.
                reference = "&#58;"
            case "<": reference = "&lt;"
            case "|" where inTable: reference = "&#124;"
            case "&":
                let next = index + 1 < characters.count ? characters[index + 1] : " "
                reference = next.isLetter || next.isNumber || next == "#" ? "&amp;" : nil
            case "-":
                let before = index > 0 && characters[index - 1] == "-"
                let after = index + 1 < characters.count && characters[index + 1] == "-"
                reference = before || after ? "&#45;" : nil
            default: reference = nil
            }
            if let reference {
                flush()
                out.append(.rawInline(format: "html", text: reference))
            } else {
                plain.append(character)
            }
        }
        flush()
        return out
    }

    /// A table whose cells' text is protected for a table (pipes too).
    private static func tableCellsProtected(_ block: Block) -> Block {
        guard case .table(var table) = block else { return block }
        let cell: ([Inline]) -> [Inline] = { inlines in
            unprotectedInlines(inlines).flatMap { inline -> [Inline] in
                if case .text(let text) = inline { return protect(text, inTable: true) }
                return [inline]
            }
        }
        table.header = table.header.map(cell)
        table.rows = table.rows.map { $0.map(cell) }
        return .table(table: table)
    }

    /// The block with ``protect(_:inTable:)``'s references turned back into text, for HTML.
    private static func unprotected(_ block: Block) -> Block {
        block.mappingInlines { unprotectedInlines($0) }
    }

    private static let references = [
        "&#126;": "~", "&lt;": "<", "&#124;": "|", "&amp;": "&", "&#45;": "-", "&#58;": ":",
    ]

    /// Merges text runs again, turning the references back into characters (all of them, or
    /// only `only`'s).
    private static func unprotectedInlines(_ inlines: [Inline], only: String? = nil) -> [Inline] {
        var out: [Inline] = []
        for inline in inlines {
            var text: String?
            switch inline {
            case .text(let plain): text = plain
            case .rawInline("html", let raw):
                text = references[raw].flatMap { only == nil || only == $0 ? $0 : nil }
            default: break
            }
            if let text, case .text(let previous)? = out.last {
                out[out.count - 1] = .text(text: previous + text)
            } else if let text {
                out.append(.text(text: text))
            } else {
                out.append(inline)
            }
        }
        return out
    }
}
