import LwkdModel

/// Per-run state of the Markdown writer: the layout that adds the line prefixes of block quotes
/// and list items (it never wraps: paragraphs keep their lines).
struct MarkdownRenderer {
    var layout = TextLayout(width: nil)
    let diagnostics: DiagnosticSink
    /// When set, a list item holding more than one block has its content indented at least
    /// this far (Python-Markdown, which Buttondown uses, nests only at four spaces).
    var continuationIndent: Int?
    /// What the emphasis check may still spend on re-rendering, for the whole document.
    var allowance = InlineMarkdown.SearchAllowance()

    init(diagnostics: DiagnosticSink) {
        self.diagnostics = diagnostics
    }

    /// Writes one line as it is, with the current prefixes.
    private mutating func line(_ text: some StringProtocol) {
        layout.line(text, mode: .literal)
    }

    // MARK: - Blocks

    mutating func writeBlocks<S: Sequence<Block>>(_ blocks: S, tight: Bool) {
        var previous: Block?
        for block in blocks {
            if previous != nil {
                if !tight || needsBlankLine(after: previous, before: block) { layout.blankLine() }
                if isSameKindOfList(previous, block) {
                    // Two adjacent lists of one kind would read back as one (cmark's commonmark.c
                    // separates them the same way).
                    line(MarkdownRenderer.listSeparator)
                    layout.blankLine()
                }
            }
            writeBlock(block, after: previous, tight: tight)
            previous = block
        }
    }

    /// Written between adjacent lists that Markdown would otherwise merge.
    static let listSeparator = "<!-- end list -->"

    private func isSameKindOfList(_ a: Block?, _ b: Block) -> Bool {
        switch (a, b) {
        case (.bulletList(let x)?, .bulletList(let y)): return x.marker == y.marker
        case (.orderedList(let x)?, .orderedList(let y)): return x.delimiter == y.delimiter
        default: return false
        }
    }

    /// Even in tight lists some neighbours need a blank line so they stay apart.
    private func needsBlankLine(after previous: Block?, before block: Block) -> Bool {
        switch (previous, block) {
        case (.rawBlock?, _), (_, .rawBlock), (.codeBlock(.indented, _, _)?, _), (.table?, _):
            return true
        case (.paragraph?, .table), (.paragraph?, .paragraph): return true
        // Another marker or delimiter starts another list, and a blank line would make a tight
        // item loose. (This is inside an item: the list before ends deeper, so the line of the
        // next one continues no paragraph, and any start or an empty item opens it.)
        case (.bulletList(let a)?, .bulletList(let b)): return a.marker == b.marker
        case (.orderedList(let a)?, .orderedList(let b)): return a.delimiter == b.delimiter
        default: return false
        }
    }

    private mutating func writeBlock(_ block: Block, after previous: Block?, tight: Bool) {
        switch block {
        case .paragraph(let content):
            writeParagraph(content)
        case .heading(let level, let style, _, let content):
            writeHeading(level: level, style: style, content: content)
        case .bulletList(let list):
            writeList(list.items, spacing: list.spacing) { _ in list.marker.rawValue }
        case .orderedList(let list):
            writeList(list.items, spacing: list.spacing) {
                "\(list.start + $0)\(list.delimiter.rawValue)"
            }
        case .blockQuote(let blocks):
            writeQuote(blocks)
        case .codeBlock(let style, let info, let text):
            // First in a list item, indented code follows the marker and one space (the
            // item's content starts there, CommonMark §5.2 rule 2); after a paragraph it
            // needs a blank line, which a tight list does not have. After a list it would
            // continue the list's last item, unless that item is empty: a blank line ends an
            // empty item (§5.2, "at most one blank line").
            let canIndent =
                style == .indented && info.isEmpty && (!tight || previous == nil)
                && !text.isEmpty && (!isList(previous) || endsWithAnEmptyItem(previous))
                && !startsOrEndsBlank(text)
            if canIndent {
                writeIndentedCode(text)
            } else {
                writeFencedCode(info: info, text: text)
            }
        case .thematicBreak:
            // `---` would be read as a setext underline after a tight paragraph, and as front
            // matter on the first line of a file. First in a list item, a break of the
            // marker's own character joins the marker into one break (`- * ***` is `* ***`,
            // a break); `_` is no list marker.
            if layout.hasUnwrittenPrefix {
                line("___")
            } else if (tight && { if case .paragraph? = previous { true } else { false } }())
                || layout.isEmpty
            {
                line("***")
            } else {
                line("---")
            }
        case .rawBlock(_, let text):
            var body = Substring(text)
            while body.hasSuffix("\n") { body.removeLast() }
            layout.lines(String(body), mode: .literal)
        case .table(let table):
            writeTable(table)
        }
    }

    private func isList(_ block: Block?) -> Bool {
        switch block {
        case .bulletList?, .orderedList?: return true
        default: return false
        }
    }

    private func endsWithAnEmptyItem(_ block: Block?) -> Bool {
        switch block {
        case .bulletList(let list)?: list.items.last?.blocks.isEmpty == true
        case .orderedList(let list)?: list.items.last?.blocks.isEmpty == true
        default: false
        }
    }

    private func startsOrEndsBlank(_ text: String) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let body = lines.last == "" ? lines.dropLast() : lines[...]
        guard let first = body.first, let last = body.last else { return true }
        let blank: (Substring) -> Bool = { $0.allSatisfy { $0 == " " || $0 == "\t" } }
        return blank(first) || blank(last)
    }

    private mutating func writeHeading(level: Int, style: HeadingStyle, content: [Inline]) {
        let hasBreak = content.contains { $0 == .softBreak || $0 == .hardBreak }
        if level <= 2, !content.isEmpty, style == .setext || hasBreak {
            writeParagraph(content)
            line(level == 1 ? "===" : "---")
            return
        }
        if hasBreak {
            diagnostics.warn("line break in a level-\(level) heading written as a space")
        }
        let text = InlineMarkdown.render(content, context: .atxHeading, allowance: &allowance)
        line(
            String(repeating: "#", count: max(1, min(6, level))) + (text.isEmpty ? "" : " " + text))
    }

    private mutating func writeList(
        _ items: [ListItem], spacing: ListSpacing, marker: (Int) -> String
    ) {
        for (index, item) in items.enumerated() {
            if index > 0, spacing == .loose { layout.blankLine() }
            var first = marker(index) + " "
            if let continuationIndent, item.blocks.count > 1, first.count < continuationIndent {
                first += String(repeating: " ", count: continuationIndent - first.count)
            }
            let rest = String(repeating: " ", count: first.count)
            let box = item.task.map { $0 == .checked ? "[x] " : "[ ] " }
            if let box, item.blocks.isEmpty {
                // An empty task item: the box needs its space after it (`- [x]` alone is a
                // paragraph), and a line's trailing spaces are trimmed unless it is literal.
                layout.pushPrefix(first: first, rest: rest)
                layout.line(box, mode: .literal)
                layout.popPrefix()
                continue
            }
            layout.pushPrefix(first: first + (box ?? ""), rest: rest)
            writeBlocks(item.blocks, tight: spacing == .tight)
            layout.popPrefix()
        }
    }

    private mutating func writeQuote(_ blocks: [Block]) {
        layout.pushQuote()
        writeBlocks(blocks, tight: false)
        layout.popPrefix()
    }

    private mutating func writeParagraph(_ content: [Inline]) {
        InlineMarkdown.write(content, into: &layout, allowance: &allowance)
        layout.newline()
    }

    private mutating func writeIndentedCode(_ text: String) {
        var body = Substring(text)
        if body.hasSuffix("\n") { body.removeLast() }
        for codeLine in body.split(separator: "\n", omittingEmptySubsequences: false) {
            line(codeLine.isEmpty ? "" : "    " + codeLine)
        }
    }

    private mutating func writeFencedCode(info: String, text: String) {
        let useTilde = info.contains("`")
        let fenceChar: Character = useTilde ? "~" : "`"
        var longest = 0
        var run = 0
        for c in text {
            run = c == fenceChar ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: fenceChar, count: max(3, longest + 1))
        line(fence + InlineMarkdown.escapeInfo(info))
        var body = Substring(text)
        if body.hasSuffix("\n") { body.removeLast() }
        if !text.isEmpty {
            for codeLine in body.split(separator: "\n", omittingEmptySubsequences: false) {
                line(codeLine)
            }
        }
        line(fence)
    }

    private mutating func writeTable(_ table: Table) {
        var allowance = self.allowance
        let row: ([[Inline]]) -> String = { cells in
            "| "
                + cells.map {
                    InlineMarkdown.render($0, context: .tableCell, allowance: &allowance)
                }.joined(separator: " | ") + " |"
        }
        defer { self.allowance = allowance }
        line(row(table.header))
        line(
            "| "
                + table.alignments.map { alignment -> String in
                    switch alignment {
                    case .none: "---"
                    case .left: ":---"
                    case .center: ":---:"
                    case .right: "---:"
                    }
                }.joined(separator: " | ") + " |")
        for cells in table.rows { line(row(cells)) }
    }
}
