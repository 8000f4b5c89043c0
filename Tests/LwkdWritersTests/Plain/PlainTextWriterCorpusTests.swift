import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import LwkdWriters
import Testing

/// The plain writer over every real post: links kept, lines fit, headings survive a round trip.
@Suite struct PlainTextWriterCorpusTests {
    @Test(.enabled(if: Repository.shared != nil, Comment(rawValue: Repository.sharedMissing)))
    func everyPostKeepsItsLinksFitsAndReadsBack() throws {
        let posts = Repository.corpusTexts
        #expect(posts.count >= 100)
        let site = Site.lwkd
        var urlCount = 0
        var missingURLs: [String] = []
        var longLines: [String] = []
        var headingCount = 0
        var headingMismatches: [String] = []
        var structureMismatches: [String] = []
        var recoveredURLs = 0
        var lostLinks: [String] = []
        for post in posts {
            let document = try MarkdownReader().read(
                Source(text: post.text, path: post.name), in: ReadContext())
            let text = try PlainTextWriterTests.render(document)
            let words = Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }))
            for url in document.urls where !url.isEmpty {
                urlCount += 1
                let absolute = site.absolute(url)
                let shown = absolute.hasPrefix("mailto:") ? String(absolute.dropFirst(7)) : absolute
                // A link whose text is its (scheme-less) destination is printed once, as written.
                if !words.contains(Substring(shown)), !text.contains(shown), !text.contains(url) {
                    missingURLs.append("\(post.name): \(url)")
                }
            }
            let allowed = Unbreakable(document)
            for line in text.split(separator: "\n") where line.count > 72 && !allowed.permits(line)
            {
                longLines.append("\(post.name): \(line)")
            }
            let readBack = try PlainReader().read(
                Source(text: text, path: post.name + ".txt"), in: ReadContext())
            let expected = Self.headings(document)
            headingCount += expected.count
            let found = Self.headings(readBack)
            if expected != found {
                headingMismatches.append("\(post.name): \(expected) vs \(found)")
            }
            let linked = Set(readBack.urls)
            for url in document.urls where !url.isEmpty {
                if linked.contains(site.absolute(url)) || linked.contains(url) {
                    recoveredURLs += 1
                } else {
                    lostLinks.append("\(post.name): \(url)")
                }
            }
            if document.blocks.map(Self.kind) != readBack.blocks.map(Self.kind) {
                structureMismatches.append(post.name)
            }
        }
        print(
            "plain writer corpus: \(posts.count) posts, \(urlCount) URLs (\(missingURLs.count) missing), "
                + "\(longLines.count) long breakable lines, \(headingCount) headings, "
                + "\(headingMismatches.count) posts whose headings and \(structureMismatches.count) whose "
                + "top-level blocks differ after --to plain --from plain; \(recoveredURLs) of "
                + "\(urlCount) URLs read back as links")
        if ProcessInfo.processInfo.environment["LWKD_VERBOSE"] == "1" {
            for link in lostLinks { print("not a link after the round trip: \(link)") }
        }
        #expect(missingURLs.isEmpty, "\(missingURLs.prefix(5))")
        #expect(longLines.isEmpty, "\(longLines.prefix(5))")
        #expect(headingMismatches.isEmpty, "\(headingMismatches.prefix(3))")
        #expect(structureMismatches.isEmpty, "\(structureMismatches.prefix(5))")
        // Only a scheme-less link printed as its own text (`apiregistration.k8s.io/v1beta1`)
        // cannot be told from prose.
        #expect(lostLinks.count <= 1, "\(lostLinks.prefix(5))")
    }

    /// The block's kind, with the level of a heading and the item count of a list.
    static func kind(_ block: Block) -> String {
        switch block {
        case .paragraph: "p"
        case .heading(let l, _, _, _): "h\(l)"
        case .bulletList(let l): "ul\(l.items.count)"
        case .orderedList(let l): "ol\(l.items.count)"
        case .blockQuote: "q"
        case .codeBlock: "code"
        case .thematicBreak: "hr"
        case .rawBlock: "raw"
        case .table: "table"
        }
    }

    static func headings(_ document: Document) -> [String] {
        var found: [String] = []
        document.forEachNode(block: { block in
            if case .heading(let level, _, _, let content) = block {
                let text = content.plainText.split(whereSeparator: { $0 == " " || $0 == "\n" })
                found.append("h\(level) " + text.joined(separator: " "))
            }
        })
        return found
    }
}

/// What may make a line longer than the width: a URL, an inline code span with no space or a
/// code block line, which are never broken.
struct Unbreakable {
    private var tokens: [String] = []
    private var codeLines: Set<Substring> = []

    init(_ document: Document) {
        tokens = document.urls.map { Site.lwkd.absolute($0) }
        document.forEachNode(
            block: { block in
                if case .codeBlock(_, _, let text) = block {
                    for line in text.split(separator: "\n") { codeLines.insert(line) }
                }
            },
            inline: { inline in
                if case .code(let text) = inline, !text.contains(" ") { tokens.append(text) }
            })
    }

    /// True when the line is a code line, a `[n] URL` reference, or holds one unbreakable token
    /// that alone (with its list or quote prefix and glued punctuation) overflows the width.
    func permits(_ line: Substring) -> Bool {
        let content = line.drop { $0 == " " || $0 == ">" }
        // A code line sits after its indent and any list or quote prefix.
        var index = line.startIndex
        while index < line.endIndex {
            if codeLines.contains(line[index...]) { return true }
            guard " >-.".contains(line[index]) || line[index].isNumber else { break }
            index = line.index(after: index)
        }
        if content.hasPrefix("["), let close = content.firstIndex(of: "]"),
            content[close...].hasPrefix("] "),
            tokens.contains(String(content[content.index(close, offsetBy: 2)...]))
        {
            return true
        }
        return tokens.contains { $0.count > 50 && line.contains($0) && line.count - $0.count < 24 }
    }
}

/// `lwkdconv post.txt --to markdown`: a plain-text post becomes a proper Markdown post.
@Suite struct PlainToMarkdownTests {
    static func roundTrip(_ text: String, path: String) throws -> (Document, Document) {
        let document = try PlainReader().read(Source(text: text, path: path), in: ReadContext())
        guard case .text(let markdown) = try MarkdownWriter().write(document, in: WriteContext())
        else {
            throw WriteError.unsupported(format: "markdown", reason: "binary output")
        }
        #expect(markdown.hasPrefix("---\nlayout: post\ntitle: "))
        let readBack = try MarkdownReader().read(
            Source(text: markdown, path: path), in: ReadContext())
        return (document, readBack)
    }

    @Test func samplePostBecomesAMarkdownPostThatReadsBack() throws {
        let url = Repository.root().appendingPathComponent("samples/2026-03-01-update.txt")
        let (document, readBack) = try Self.roundTrip(
            try String(contentsOf: url, encoding: .utf8), path: "sample.txt")
        #expect(readBack.blocks == document.blocks)
        #expect(readBack.facts().title == document.facts().title)
        #expect(readBack.facts().date == document.facts().date)
        #expect(readBack.facts().slug == "2026-03-01-update")
    }

    @Test(
        .enabled(
            if: Repository.sharedText("seeds/001_6c77598d14bca79d.txt") != nil,
            "../shared/seeds is absent"))
    func seed001BecomesAMarkdownPostThatReadsBack() throws {
        let seed = try #require(Repository.sharedText("seeds/001_6c77598d14bca79d.txt"))
        let (document, readBack) = try Self.roundTrip(seed, path: "001.txt")
        #expect(readBack.blocks == document.blocks)
        #expect(readBack.facts().slug == "2022-02-06-update")
        #expect(PlainTextWriterCorpusTests.headings(readBack).count == 8)
    }
}
