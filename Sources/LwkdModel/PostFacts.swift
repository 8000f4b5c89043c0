/// What a post is, computed once from its front matter, its file name and the site: the title,
/// the publication instant, the week it reports on, its slug, permalink, feed id and subject.
///
/// Every writer and command reads these and nothing else; none reads `meta["title"]` or parses
/// a "Week Ending" string itself. ``derive(from:sourceMap:site:diagnostics:)`` has the one
/// fallback chain, and reports each fallback once, at the front matter line it concerns.
public struct PostFacts: Hashable, Sendable {
    /// The title as readers see it (white space collapsed).
    public var title: String
    /// The publication instant in the author's own zone, or nil for an undated post.
    public var date: PostDate?
    /// The front matter's `date:` exactly as written, if any.
    public var dateText: String?
    /// The day the edition reports on: the title's "Week Ending" day, else the file name's.
    public var weekEnding: PostDate?
    /// The slug: `slug:`, else the file name without its date and extension.
    public var slug: String
    /// The absolute permalink, `https://lwkd.info/2026/20260820`, or nil when undated.
    public var permalink: String?
    /// The feed entry id jekyll-feed gives the post, or nil when undated.
    public var id: String?
    /// The e-mail subject, `LWKD: Week Ending August 16, 2026`.
    public var subject: String
    /// The site the post belongs to.
    public var site: Site
    /// The source file's name, when the post came from a file.
    public var fileName: String?

    /// Creates facts from known values (tests, the JSON reader); prefer
    /// ``derive(from:sourceMap:site:diagnostics:)``.
    public init(
        title: String, date: PostDate?, dateText: String? = nil, weekEnding: PostDate? = nil,
        slug: String, permalink: String? = nil, id: String? = nil, subject: String,
        site: Site = .lwkd, fileName: String? = nil
    ) {
        self.title = title
        self.date = date
        self.dateText = dateText
        self.weekEnding = weekEnding
        self.slug = slug
        self.permalink = permalink
        self.id = id
        self.subject = subject
        self.site = site
        self.fileName = fileName
    }

    /// The instant to stamp output with when a format must have one: the post's date, else
    /// `now`, else the Unix epoch (the undated post was already reported).
    public func instant(or now: PostDate?) -> PostDate {
        date ?? now ?? PostDate(year: 1970, month: 1, day: 1)
    }
}

extension PostFacts {
    /// Computes the facts of a document.
    ///
    /// The chain, each fallback one warning at the line it concerns:
    /// - date: `date:` (Jekyll's reading, which rolls 2022-02-30 over to 2022-03-02, with a
    ///   warning), else the file name's `YYYY-MM-DD-` day, else the title's "Week Ending" day,
    ///   else none;
    /// - title: `title:`, else "Week Ending <day>" from the file name, else the first heading
    ///   or line of the body, else the file name, else "Untitled";
    /// - slug: `slug:`, else the file name without date and extension, else `<week>-update`.
    public static func derive(
        from document: Document, sourceMap: SourceMap, site: Site, diagnostics: DiagnosticSink
    ) -> PostFacts {
        var derivation = Derivation(
            meta: document.meta, blocks: document.blocks, map: sourceMap, site: site,
            diagnostics: diagnostics)
        return derivation.facts()
    }

    /// Facts without diagnostics, for a document no reader produced (a digest's combined
    /// document, a test's value).
    public static func quiet(_ document: Document, site: Site) -> PostFacts {
        derive(from: document, sourceMap: SourceMap(), site: site, diagnostics: DiagnosticSink())
    }
}

/// One run of the fallback chain.
private struct Derivation {
    let meta: Meta
    let blocks: [Block]
    let map: SourceMap
    let site: Site
    let diagnostics: DiagnosticSink

    var file: String? { map.file ?? meta.fileName }
    var stem: String? { meta.fileName.map(FileName.stem) }
    var fileDate: PostDate? { stem.flatMap(FileName.datePrefix(of:)) }

    func facts() -> PostFacts {
        let (written, titleProblem) = writtenTitle()
        let explicitSlug = meta["slug"]?.plainText.map(Text.collapsed).flatMap {
            $0.isEmpty ? nil : $0
        }
        let titleWeek = written.flatMap { PostDate.weekEnding(in: $0) }
        let nameWeek = fileDate ?? explicitSlug.flatMap(FileName.datePrefix(of:))
        let weekEnding = titleWeek ?? nameWeek
        var title = written ?? ""
        if written == nil {
            title = fallbackTitle(weekEnding: nameWeek)
            if let (message, range) = titleProblem {
                diagnostics.warn("\(message); using '\(title)'", file: file, at: range)
            }
        }
        let (date, dateText) = publication(titleWeek: titleWeek ?? bodyWeek())
        // A post dated by its title (a page copied as text) has no file name worth keeping:
        // its slug is the newsletter's `<week>-update`.
        let datedByTitle = meta["date"] == nil && fileDate == nil && date != nil
        let slug =
            explicitSlug
            ?? (datedByTitle ? nil : stem.map {
                FileName.datePrefix(of: $0) != nil ? String($0.dropFirst(11)) : $0
            })
            ?? (weekEnding ?? date).map { "\($0.isoDay)-update" } ?? "post"
        let permalink = date.map { site.baseURL + Site.permalinkPath(for: $0) }
        let id = date.map { "\(site.baseURL)/\(pad($0.utc.year, 4))/\(slug)" }
        return PostFacts(
            title: title, date: date, dateText: dateText, weekEnding: weekEnding, slug: slug,
            permalink: permalink, id: id, subject: Self.subject(title: title, site: site),
            site: site, fileName: meta.fileName)
    }

    // MARK: - Title

    /// `title:` as text; or nil and the problem to report once the fallback is known.
    func writtenTitle() -> (String?, (String, SourceRange?)?) {
        guard let value = meta["title"] else {
            if map.isPlainHeader {
                return (
                    nil,
                    (
                        "no title found: line \(map.headerLine) does not look like a post title "
                            + "(expected a first line such as 'LWKD: Week Ending February 6, 2022')",
                        SourceRange(line: map.headerLine, column: 1)
                    )
                )
            }
            if let typo = nearMiss(of: "title") {
                return (
                    nil,
                    (
                        "no 'title:' in the front matter ('\(typo):' looks like a typo of it)",
                        map.meta(typo)
                    )
                )
            }
            return (
                nil,
                ("no 'title:' in the front matter", SourceRange(line: map.headerLine, column: 1))
            )
        }
        let kind: String
        switch value {
        case .string, .number, .date, .bool:
            let text = Text.collapsed(value.plainText ?? "")
            if !text.isEmpty { return (text, nil) }
            kind = "empty"
        case .list: kind = "a list, not text"
        case .map: kind = "a mapping, not text"
        case .null: kind = "empty"
        }
        return (nil, ("'title:' is \(kind)", map.meta("title")))
    }

    /// The title a post without one gets.
    func fallbackTitle(weekEnding: PostDate?) -> String {
        if let weekEnding { return "Week Ending " + DateStyle.newsletter.format(weekEnding) }
        if let line = Self.firstLine(of: blocks) { return line }
        return stem ?? "Untitled"
    }

    /// The "Week Ending" day named by the first block, for a post with no title of its own.
    func bodyWeek() -> PostDate? {
        guard meta["title"] == nil, let first = blocks.first else { return nil }
        return PostDate.weekEnding(in: first.inlines.plainText)
    }

    /// A front matter key that is probably `key` mistyped (`titel`, `Title`, `tile`).
    func nearMiss(of key: String) -> String? {
        meta.entries.map(\.key).first { candidate in
            candidate != key && candidate.count >= 3
                && Text.editDistance(candidate.lowercased(), key) <= 2
        }
    }

    // MARK: - Date

    /// The publication instant and the text it came from.
    func publication(titleWeek: PostDate?) -> (PostDate?, String?) {
        let value = meta["date"]
        let text = value?.plainText.map(Text.collapsed)
        let line = map.meta("date")
        let fallback: (PostDate, String)? =
            fileDate.map { ($0, "the file name's \($0.isoDay)") }
            ?? titleWeek.map { ($0, "the title's week ending \($0.isoDay)") }
        func fall(_ problem: String, at range: SourceRange?) -> (PostDate?, String?) {
            let using = fallback.map { "using \($0.1)" } ?? "the post has no date"
            diagnostics.warn("\(problem); \(using)", file: file, at: range)
            return (fallback?.0, text)
        }
        let header = SourceRange(line: map.headerLine, column: 1)
        guard let value else {
            if map.isPlainHeader {
                return fall("no date line and no 'Week Ending' title", at: header)
            }
            return fall(
                fileDate == nil
                    ? "no 'date:' in the front matter and no YYYY-MM-DD- file name"
                    : "no 'date:' in the front matter", at: header)
        }
        guard let text, !text.isEmpty else {
            let kind = if case .list = value { "a list" } else { "empty" }
            return fall("'date:' is \(kind), not a date", at: line)
        }
        if let date = PostDate(parsing: text) { return (date, text) }
        if let date = PostDate(parsingAsJekyll: text) {
            diagnostics.warn(
                "date '\(text)' is not a calendar date; Jekyll reads it as \(date.isoDay)",
                file: file, at: line)
            return (date, text)
        }
        return fall("date '\(text)' is not a date", at: line)
    }

    // MARK: - Subject

    /// `LWKD: Week Ending August 16, 2026`: the title behind the newsletter's short name.
    static func subject(title: String, site: Site) -> String {
        let prefix = site.shortName + ":"
        if title.lowercased().hasPrefix(prefix.lowercased()) { return title }
        return "\(prefix) \(title)"
    }

    /// The text of the first heading, or of the first line of the first paragraph when that
    /// line is short enough to be a title.
    static func firstLine(of blocks: [Block]) -> String? {
        for block in blocks {
            switch block {
            case .heading(_, _, _, let content), .paragraph(let content):
                let line = content.prefix { $0 != .softBreak && $0 != .hardBreak }
                let text = Text.collapsed(Array(line).plainText)
                if case .paragraph = block, text.count > 100 { return nil }
                if !text.isEmpty { return text }
            case .bulletList, .orderedList, .blockQuote, .codeBlock, .thematicBreak, .rawBlock,
                .table:
                continue
            }
        }
        return nil
    }
}

/// Small text helpers of the model.
public enum Text {
    /// White space runs as single spaces, ends trimmed.
    public static func collapsed(_ text: String) -> String {
        // ASCII text (nearly all of it) is split byte-wise; Unicode's white space otherwise.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for b in text.utf8 {
            if b >= 0x80 {
                return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            }
            if b == 32 || (b >= 9 && b <= 13) {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(32) }
                pendingSpace = false
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Edit distance between two short strings (keys, command names): insertions, deletions,
    /// substitutions and swaps of two neighbours each count one (optimal string alignment).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a)
        let y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = Swift.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = Swift.min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }
}
