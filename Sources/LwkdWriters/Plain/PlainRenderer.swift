import LwkdModel

/// Per-run state of the plain-text writer: the layout and the numbered link references.
struct PlainRenderer {
    var layout: TextLayout
    let referenceLocation: PlainTextWriter.ReferenceLocation
    let site: Site
    let diagnostics: DiagnosticSink
    /// Where the post's parts came from, for messages.
    var sourceMap = SourceMap()
    private var raws = OccurrenceCounter()

    private var numbers: [String: Int] = [:]
    private var pending: [(number: Int, url: String)] = []
    private var pendingNumbers: Set<Int> = []
    private var hasWrittenBlock = false

    init(
        layout: TextLayout, referenceLocation: PlainTextWriter.ReferenceLocation, site: Site,
        diagnostics: DiagnosticSink
    ) {
        self.layout = layout
        self.referenceLocation = referenceLocation
        self.site = site
        self.diagnostics = diagnostics
    }

    // MARK: - References

    /// The number of `url`, assigning the next one on first use; a number is listed once per
    /// section (or once per document) however often it is cited.
    mutating func reference(for url: String) -> Int {
        let number: Int
        if let known = numbers[url] {
            number = known
        } else {
            number = numbers.count + 1
            numbers[url] = number
        }
        if pendingNumbers.insert(number).inserted { pending.append((number, url)) }
        return number
    }

    /// Lists the references cited since the last list, after a blank line.
    mutating func writeReferences() {
        guard !pending.isEmpty else { return }
        if !layout.isEmpty { layout.blankLine() }
        for (number, url) in pending { layout.line("[\(number)] \(url)") }
        pending.removeAll()
        pendingNumbers.removeAll()
    }

    // MARK: - Header

    /// The title (wrapped) and the post's date, when known.
    mutating func writeHeader(_ facts: PostFacts, style: DateStyle) {
        layout.write(facts.title, mode: .title)
        layout.flush()
        hasWrittenBlock = true
        if let date = facts.date {
            layout.line(style.format(date))
        }
    }

    // MARK: - Blocks

    mutating func writeBlocks(_ blocks: [Block], isTight: Bool, isTopLevel: Bool = false) {
        var isFirst = true
        for block in blocks {
            if case .rawBlock(let format, let text) = block, format == "html",
                HTMLText.visibleText(text).isEmpty
            {
                continue
            }
            if isTopLevel, referenceLocation == .section, case .heading(let level, _, _, _) = block,
                level <= 2
            {
                writeReferences()
            }
            if isTopLevel ? hasWrittenBlock : !isFirst && !isTight { layout.blankLine() }
            writeBlock(block, isTight: isTight)
            isFirst = false
            hasWrittenBlock = true
        }
    }

    private mutating func writeBlock(_ block: Block, isTight: Bool) {
        switch block {
        case .paragraph(let content):
            writeInlines(content, mode: .normal)
            layout.flush()
        case .heading(let level, _, _, let content):
            writeHeading(level: level, content: content)
        case .bulletList(let list):
            writeList(list.items, spacing: list.spacing) { _ in "-" }
        case .orderedList(let list):
            writeList(list.items, spacing: list.spacing) {
                "\(list.start + $0)\(list.delimiter.rawValue)"
            }
        case .blockQuote(let blocks):
            layout.pushQuote()
            writeBlocks(blocks, isTight: false)
            layout.popPrefix()
        case .codeBlock(_, _, let text):
            writeCode(text)
        case .thematicBreak:
            layout.line("* * *")
        case .rawBlock(let format, let text):
            writeRaw(format: format, text: text)
        case .table(let table):
            writeTable(table)
        }
    }

    /// Sections get `=` underlines, sub-sections `-`, then `~`, `^`, `"`; a level-1 heading is
    /// also overlined, so each level stays distinct.
    private mutating func writeHeading(level: Int, content: [Inline]) {
        var scratch = TextLayout(width: layout.available, isFlowed: false)
        swap(&scratch, &layout)
        writeInlines(content, mode: .title)
        layout.flush()
        swap(&scratch, &layout)
        var lines = scratch.out.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        if lines.isEmpty { return }
        let rule = String(
            repeating: Self.underline(level), count: max(3, lines.map(\.count).max() ?? 3))
        if level <= 1 { layout.line(rule) }
        for line in lines { layout.line(String(line)) }
        layout.line(rule)
    }

    static func underline(_ level: Int) -> Character {
        switch level {
        case ...2: "="
        case 3: "-"
        case 4: "~"
        case 5: "^"
        default: "\""
        }
    }

    private mutating func writeList(
        _ items: [ListItem], spacing: ListSpacing, marker: (Int) -> String
    ) {
        for (index, item) in items.enumerated() {
            if index > 0, spacing == .loose { layout.blankLine() }
            var first = marker(index) + " "
            if let task = item.task { first += task == .checked ? "[x] " : "[ ] " }
            layout.pushPrefix(first: first, rest: String(repeating: " ", count: first.count))
            writeBlocks(item.blocks, isTight: spacing == .tight)
            layout.popPrefix()
        }
    }

    /// Code is never wrapped: each line is indented four spaces, as it is.
    private mutating func writeCode(_ text: String) {
        var body = Substring(text)
        if body.hasSuffix("\n") { body.removeLast() }
        layout.pushPrefix(first: "    ", rest: "    ")
        for codeLine in body.split(separator: "\n", omittingEmptySubsequences: false) {
            layout.line(String(codeLine))
        }
        layout.popPrefix()
    }

    private mutating func writeRaw(format: String, text: String) {
        let visible = format == "html" ? HTMLText.visibleText(text) : text
        guard !visible.isEmpty else { return }
        if format == "html" {
            diagnostics.warn(
                "raw HTML block reduced to its text in plain output", file: sourceMap.file,
                at: sourceMap.raw(text, occurrence: raws.next(text)))
        }
        layout.write(visible, mode: .normal)
        layout.flush()
    }
}
