import LwkdModel

/// Recovers blocks from classified lines, in one of two styles: one line per block with no
/// blank lines (text copied from the web page, seed 001), or paragraphs separated by blank lines
/// with underlined or ALL CAPS headings (the common plain-text style, and the plain writer's).
struct PlainParser {
    /// `[n] url` reference lines anywhere in the text that a marker cites.
    var references: [Int: String]
    /// True for the blank-line style.
    let isBlankSeparated: Bool
    /// Heading level of each underline character.
    let underlineLevels: [Character: Int]
    /// True when the text underlines its headings; bare lines are then never headings.
    let hasUnderlinedHeadings: Bool
    /// Container nesting so far; deeper text is kept as paragraphs.
    var depth = 0
    /// The current level-2 section's name, lowercased (feature sections have sub-headings).
    var section = ""

    private static let maximumDepth = 32

    // MARK: - Blocks

    mutating func blocks(_ lines: [PlainLine]) -> [Block] {
        var out: [Block] = []
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if !line.isBlank, line.indent >= 4 {
                let (block, next) = code(lines, from: i)
                out.append(block)
                i = next
                continue
            }
            switch line.kind {
            case .blank:
                i += 1
            case .reference(let number, _) where references[number] != nil:
                i += 1
            case .quote:
                var inner: [PlainLine] = []
                while i < lines.count, lines[i].kind == .quote {
                    var text = lines[i].text.dropFirst()
                    if text.first == " " { text = text.dropFirst() }
                    inner.append(PlainLine(number: lines[i].number, raw: text))
                    i += 1
                }
                out.append(.blockQuote(blocks: nested(inner)))
            case .thematicBreak:
                out.append(.thematicBreak)
                i += 1
            case .rule(let c):
                if i + 2 < lines.count, lines[i + 1].kind == .text, lines[i + 2].kind == .rule(c) {
                    out.append(heading(level: 1, lines[(i + 1)...(i + 1)]))
                    i += 3
                } else if "-=*_".contains(c) {
                    out.append(.thematicBreak)
                    i += 1
                } else {
                    out.append(.paragraph(content: [.text(text: String(line.text))]))
                    i += 1
                }
            case .bullet, .ordered:
                let (block, next) = list(lines, from: i)
                out.append(block)
                i = next
            case .text, .reference:
                // A reference line that no `[n]` marker cites is kept as text.
                i = textBlock(lines, from: i, into: &out)
            }
        }
        return out
    }

    private func nested(_ lines: [PlainLine]) -> [Block] {
        if depth >= Self.maximumDepth {
            let text = lines.filter { !$0.isBlank }.map { $0.text }
            return text.isEmpty
                ? [] : [.paragraph(content: PlainInlines.build(text, references: references))]
        }
        var child = self
        child.depth += 1
        return child.blocks(lines)
    }

    private func code(_ lines: [PlainLine], from start: Int) -> (Block, Int) {
        var i = start
        var text = ""
        var end = start
        var blanks = 0
        while i < lines.count {
            if lines[i].isBlank {
                blanks += 1
                i += 1
                continue
            }
            guard lines[i].indent >= 4 else { break }
            text += String(repeating: "\n", count: blanks)
            blanks = 0
            text += String(repeating: " ", count: lines[i].indent - 4) + lines[i].text + "\n"
            i += 1
            end = i
        }
        return (.codeBlock(style: .indented, info: "", text: text), end)
    }

    // MARK: - Paragraphs and headings

    private mutating func textBlock(_ lines: [PlainLine], from start: Int, into out: inout [Block])
        -> Int
    {
        var end = start + 1
        if isBlankSeparated {
            while end < lines.count, lines[end].indent < 4, Self.continuesParagraph(lines[end]) {
                end += 1
            }
            if end < lines.count, case .rule(let c) = lines[end].kind,
                let level = underlineLevels[c]
            {
                out.append(heading(level: level, lines[start..<end]))
                return end + 1
            }
            if end - start > 1 {
                if HeadingCues.sections.contains(HeadingCues.key(lines[start].text)) {
                    out.append(heading(level: 2, lines[start...start]))
                    return start + 1
                }
                let text = lines[start..<end].map { $0.text }
                out.append(.paragraph(content: PlainInlines.build(text, references: references)))
                return end
            }
        }
        if let level = headingLevel(lines[start], next: nextNonBlank(lines, after: start)) {
            out.append(heading(level: level, lines[start...start]))
            return start + 1
        }
        if !isBlankSeparated {
            while end < lines.count, isContinuation(lines[end - 1].text, lines[end]) { end += 1 }
        }
        let text = lines[start..<end].map { $0.text }
        out.append(.paragraph(content: PlainInlines.build(text, references: references)))
        return end
    }

    /// Text, or an ordered marker other than `1.`, which cannot interrupt a paragraph
    /// (as in CommonMark: a wrapped line may start with `2022.`).
    private static func continuesParagraph(_ line: PlainLine) -> Bool {
        switch line.kind {
        case .text: return true
        case .ordered(let number, _): return number != 1
        default: return false
        }
    }

    private mutating func heading(level: Int, _ lines: ArraySlice<PlainLine>) -> Block {
        let text = Substring(lines.map { $0.text }.joined(separator: " "))
        if level <= 2 { section = HeadingCues.key(text) }
        return .heading(
            level: level, style: .atx, attr: Attr(),
            content: PlainInlines.heading(text, references: references))
    }

    private func nextNonBlank(_ lines: [PlainLine], after index: Int) -> PlainLine? {
        var i = index + 1
        while i < lines.count {
            if !lines[i].isBlank, !isReference(lines[i]) { return lines[i] }
            i += 1
        }
        return nil
    }

    private func isReference(_ line: PlainLine) -> Bool {
        if case .reference = line.kind { return true }
        return false
    }

    /// The level of a heading written as a bare line, or nil for a paragraph.
    private func headingLevel(_ line: PlainLine, next: PlainLine?) -> Int? {
        let text = line.text
        guard !hasUnderlinedHeadings, line.indent < 4, text.count <= 120 else { return nil }
        let key = HeadingCues.key(text)
        if HeadingCues.sections.contains(key) { return 2 }
        if HeadingCues.subsections.contains(key) { return 3 }
        guard let next, next.kind != .thematicBreak else { return nil }
        // A PR title ("#1234: …") followed by its write-up, even when long or ending in a period.
        // A lower-case next line continues it only when it was broken near the margin.
        if HeadingCues.startsWithItemNumber(text), next.kind == .text,
            HeadingCues.isFeatureSection(section) || next.text.count >= 60,
            text.count < 80 || next.text.first?.isLowercase == false
        {
            return 3
        }
        if isContinuation(text, next) { return nil }
        if HeadingCues.endsWithPunctuation(text) { return nil }
        if case .rule = next.kind { return nil }
        if case .reference = next.kind { return nil }
        if next.kind == .text, HeadingCues.sections.contains(HeadingCues.key(next.text)) {
            return nil
        }
        if isBlankSeparated, HeadingCues.isAllCaps(text), text.count <= 72 { return 2 }
        if HeadingCues.isFeatureSection(section) {
            if HeadingCues.hasItemNumber(text), text.count <= 110 { return 3 }
            let words = text.split(separator: " ").count
            if words <= 16, text.count <= 100, next.kind == .text, next.text.count >= 60 {
                return 3
            }
            return nil
        }
        if HeadingCues.isLeadLine(text) { return nil }
        if HeadingCues.isAllCaps(text), text.count <= 72 { return 2 }
        if HeadingCues.isTitleCase(text) { return 2 }
        return nil
    }

    /// True when, in the one-line-per-block style, `next` continues the paragraph whose last
    /// line is `previous`.
    ///
    /// It does when it starts lower-case after an unfinished line, or when the line before was
    /// broken mid-sentence near the right margin, after a comma or after a joining word.
    private func isContinuation(_ previous: Substring, _ next: PlainLine) -> Bool {
        guard next.kind == .text, next.indent < 4 else { return false }
        let text = next.text
        if HeadingCues.sections.contains(HeadingCues.key(text)) { return false }
        if let last = previous.last, last == "," || last == "(" || last == "-" || last == "/" {
            return true
        }
        if HeadingCues.endsWithPunctuation(previous) { return false }
        if let first = text.first, first.isLowercase { return true }
        if previous.count >= 85 { return true }
        if let word = previous.split(separator: " ").last,
            HeadingCues.joiningWords.contains(word.lowercased())
        {
            return true
        }
        return false
    }

    // MARK: - Lists

    private mutating func list(_ lines: [PlainLine], from start: Int) -> (Block, Int) {
        let first = lines[start]
        let isOrdered = !(first.kind == .bullet)
        var items: [ListItem] = []
        var isLoose = false
        var i = start
        while i < lines.count, lines[i].isListItem, (lines[i].kind == .bullet) != isOrdered,
            abs(lines[i].indent - first.indent) <= 1
        {
            let marker = lines[i]
            let contentIndent = marker.indent + marker.markerWidth
            var content = [PlainLine(number: marker.number, raw: marker.content)]
            i += 1
            while i < lines.count {
                let line = lines[i]
                if line.isBlank {
                    var j = i
                    while j < lines.count, lines[j].isBlank { j += 1 }
                    // After a blank line only text aligned with the item's text (or a nested
                    // item) continues it; deeper-indented text is a code block after the list.
                    guard isBlankSeparated, j < lines.count,
                        lines[j].indent == contentIndent
                            || (lines[j].isListItem && lines[j].indent > marker.indent + 1
                                && lines[j].indent < contentIndent + 4)
                    else { break }
                    content += lines[i..<j]
                    i = j
                    continue
                }
                if line.indent > marker.indent + 1 {
                    content.append(line.dedented(by: min(line.indent, contentIndent)))
                } else if line.kind == .text, let last = content.last, !last.isBlank,
                    isBlankSeparated ? last.kind == .text : isContinuation(last.text, line)
                {
                    content.append(line.dedented(by: line.indent))
                } else {
                    break
                }
                i += 1
            }
            items.append(item(content))
            var j = i
            while j < lines.count, lines[j].isBlank { j += 1 }
            if j > i, j < lines.count, lines[j].isListItem, (lines[j].kind == .bullet) != isOrdered,
                abs(lines[j].indent - first.indent) <= 1, isBlankSeparated
            {
                isLoose = true
                i = j
            }
        }
        let spacing: ListSpacing = isLoose ? .loose : .tight
        if case .ordered(let number, let delimiter) = first.kind {
            let list = OrderedList(
                start: number, delimiter: delimiter == ")" ? .paren : .period, spacing: spacing,
                items: items)
            return (.orderedList(list: list), i)
        }
        return (.bulletList(list: BulletList(marker: .dash, spacing: spacing, items: items)), i)
    }

    private func item(_ lines: [PlainLine]) -> ListItem {
        var lines = lines
        var task: TaskState?
        if let first = lines.first {
            for (mark, state) in [
                ("[ ] ", TaskState.unchecked), ("[x] ", .checked), ("[X] ", .checked),
            ]
            where first.text.hasPrefix(mark) {
                task = state
                lines[0] = PlainLine(number: first.number, raw: first.text.dropFirst(4))
            }
        }
        return ListItem(task: task, blocks: nested(lines))
    }
}
