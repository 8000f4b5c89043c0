import LwkdModel

/// Reads a post that arrives as plain text, copied from the web page or an email client, and
/// recovers the structure the Markdown reader would have built.
///
/// The first line is the title (`LWKD: Week Ending February 6, 2022`); its week-ending date gives
/// the post's date and slug (`2022-02-06-update`). The body may be one line per block with no
/// blank lines, or blank-line-separated paragraphs with underlined headings. Section headings
/// are found from the newsletter's section names and from general cues (a short Title Case line
/// with no final punctuation, followed by body text); PR and KEP titles under a featured section
/// become sub-headings. Bare URLs become links, and `text [n]` markers with a `[n] URL` line
/// become links too. No word of the input is dropped.
public struct PlainReader: Reader {
    public let format = "plain"
    public let aliases = ["post", "text", "txt"]
    public let summary = "plain-text post (web copy or email), structure recovered"

    /// Creates the reader.
    public init() {}

    public func read(_ source: Source, in context: ReadContext) throws(ReadError) -> Document {
        try readMapped(source, in: context).0
    }

    public func readMapped(_ source: Source, in context: ReadContext) throws(ReadError) -> (
        Document, SourceMap
    ) {
        let path = source.path ?? "-"
        if source.text.utf8.contains(0) { throw .binary(path: path) }
        let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
            .map { PlainLine(number: $0.offset + 1, raw: $0.element) }
        guard let first = lines.firstIndex(where: { !$0.isBlank }) else { throw .empty(path: path) }

        var title: Substring?
        var date: PostDate?
        var bodyStart = first
        var metaLines: [String: Int] = [:]
        let line = lines[first]
        if case .rule(let c) = line.kind, first + 2 < lines.count, lines[first + 1].kind == .text,
            lines[first + 2].kind == .rule(c)
        {
            title = lines[first + 1].text
            metaLines["title"] = lines[first + 1].number
            bodyStart = first + 3
        } else if line.kind == .text, line.indent < 4 {
            let (stripped, hadName) = PostHeader.strippingNewsletterName(line.text)
            let next = first + 1 < lines.count ? lines[first + 1] : nil
            var standsApart = next == nil || next?.isBlank == true
            if let next, case .rule = next.kind { standsApart = true }
            if let next, PostHeader.dateLine(next.text) != nil { standsApart = true }
            if hadName || PostHeader.weekEnding(in: stripped) != nil
                || (standsApart && stripped.count <= 100 && stripped.last != ".")
            {
                title = stripped
                metaLines["title"] = line.number
                bodyStart = first + 1
                if let next, case .rule = next.kind { bodyStart += 1 }
            }
        }
        if title != nil, bodyStart < lines.count, lines[bodyStart].kind == .text,
            let parsed = PostHeader.dateLine(lines[bodyStart].text)
        {
            date = parsed
            metaLines["date"] = lines[bodyStart].number
            bodyStart += 1
        }
        if let title, PostHeader.weekEnding(in: title) != nil, metaLines["date"] == nil {
            metaLines["date"] = metaLines["title"]
            metaLines["slug"] = metaLines["title"]
        }

        let body = Array(lines[bodyStart...])
        let underlined = Self.hasUnderlinedHeadings(body)
        var parser = PlainParser(
            references: Self.references(in: body),
            isBlankSeparated: underlined || Self.isBlankSeparated(body),
            underlineLevels: Self.underlineLevels(body), hasUnderlinedHeadings: underlined)
        var blocks = parser.blocks(body)
        // A reference line is dropped only when its URL became a link; if a citing marker could
        // not take it (inside code, say), read again keeping that line as text.
        let linked = Set(Document(blocks: blocks).urls)
        if parser.references.values.contains(where: { !linked.contains($0) }) {
            var again = parser
            again.references = parser.references.filter { linked.contains($0.value) }
            again.section = ""
            blocks = again.blocks(body)
        }
        let meta = Self.meta(title: title, date: date, fileName: source.fileName)
        let document = Document(meta: meta, blocks: blocks).normalized()
        return (
            document,
            SourceMap(
                file: source.path, metaLines: metaLines, headerLine: line.number,
                isPlainHeader: true,
                links: Self.linkRanges(of: document, in: body))
        )
    }

    /// Where each link's address stands in the text, found by searching the lines in order.
    private static func linkRanges(of document: Document, in lines: [PlainLine]) -> [String:
        [SourceRange]]
    {
        var ranges: [String: [SourceRange]] = [:]
        var line = 0
        var from = lines.first?.raw.startIndex
        document.forEachNode(inline: { inline in
            guard case .link(let link, _) = inline, !link.destination.isEmpty else { return }
            var index = line
            while index < lines.count {
                let raw = lines[index].raw
                let start = index == line ? (from ?? raw.startIndex) : raw.startIndex
                if let found = raw[start...].range(of: link.destination) {
                    let column = raw.distance(from: raw.startIndex, to: found.lowerBound) + 1
                    ranges[link.destination, default: []].append(
                        SourceRange(
                            line: lines[index].number, column: column,
                            endColumn: column + link.destination.count - 1))
                    line = index
                    from = found.upperBound
                    return
                }
                index += 1
            }
        })
        return ranges
    }

    private static func meta(title: Substring?, date: PostDate?, fileName: String?) -> Meta {
        var entries = [MetaEntry(key: "layout", value: .string(value: "post"))]
        let weekEnding = title.flatMap(PostHeader.weekEnding(in:))
        if let title {
            entries.append(MetaEntry(key: "title", value: .string(value: String(title))))
        }
        if let day = date ?? weekEnding {
            entries.append(MetaEntry(key: "date", value: .date(text: day.isoDay)))
        }
        if let weekEnding {
            entries.append(
                MetaEntry(key: "slug", value: .string(value: weekEnding.isoDay + "-update")))
        }
        return Meta(entries: entries, hasFrontMatter: true, fileName: fileName)
    }

    /// The `[n] URL` lines whose number some `[n]` marker in the text cites.
    private static func references(in lines: [PlainLine]) -> [Int: String] {
        var found: [Int: String] = [:]
        var cited: Set<Int> = []
        for line in lines {
            if case .reference(let number, let url) = line.kind {
                if found[number] == nil { found[number] = url }
            } else if line.text.contains("[") {
                for piece in line.text.split(separator: " ") {
                    if let (number, _) = PlainInlines.marker(piece) { cited.insert(number) }
                }
            }
        }
        return found.filter { cited.contains($0.key) }
    }

    /// True when a text line is followed by a `===`, `---` or `~~~` underline.
    private static func hasUnderlinedHeadings(_ lines: [PlainLine]) -> Bool {
        zip(lines, lines.dropFirst()).contains { line, next in
            guard line.kind == .text, case .rule(let c) = next.kind else { return false }
            return "=-~".contains(c)
        }
    }

    /// Blank-line style when blank lines separate blocks often enough to be the author's
    /// paragraph separator rather than a stray gap.
    private static func isBlankSeparated(_ lines: [PlainLine]) -> Bool {
        var blanks = 0
        var nonBlank = 0
        var sawText = false
        var previous: PlainLine?
        for line in lines {
            if line.isBlank {
                if sawText, previous?.isBlank == false { blanks += 1 }
            } else {
                nonBlank += 1
                sawText = true
            }
            previous = line
        }
        if previous?.isBlank == true, blanks > 0 { blanks -= 1 }
        return blanks > 0 && blanks * 12 >= nonBlank
    }

    /// `=` marks sections and `-` sub-sections, as the plain writer underlines them; text that
    /// only uses `-` underlines uses them for sections.
    private static func underlineLevels(_ lines: [PlainLine]) -> [Character: Int] {
        let usesEquals = lines.contains { $0.kind == .rule("=") }
        return usesEquals
            ? ["=": 2, "-": 3, "~": 4, "^": 5, "\"": 6]
            : ["-": 2, "~": 3, "^": 4, "\"": 5]
    }
}
