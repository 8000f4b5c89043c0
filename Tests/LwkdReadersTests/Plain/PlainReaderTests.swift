import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import Testing

/// The plain-text reader: seed 001, the sample post, fixture goldens and bad input.
@Suite struct PlainReaderTests {
    static let root = Repository.root()
    static let fixtures = root.appendingPathComponent("Tests/LwkdReadersTests/Fixtures/plain")
    static let seedPath = "seeds/001_6c77598d14bca79d.txt"

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }

    static func read(
        _ text: String, path: String = "post.txt", diagnostics: DiagnosticSink = DiagnosticSink()
    ) throws -> Document {
        try PlainReader().read(
            Source(text: text, path: path), in: ReadContext(diagnostics: diagnostics))
    }

    static func json(_ document: Document) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }

    @Test(
        .enabled(
            if: Repository.sharedText(seedPath) != nil,
            "../shared/seeds is absent: seed 001 test skipped"))
    func seed001RecoversTheRealPostsStructure() throws {
        let seed = try #require(Repository.sharedText(Self.seedPath))
        let real = try #require(Repository.sharedText("corpus/_posts/2022-02-06-update.md"))
        let original = try MarkdownReader().read(
            Source(text: real, path: "2022-02-06-update.md"), in: ReadContext())
        let diagnostics = DiagnosticSink()
        let document = try Self.read(seed, path: "001.txt", diagnostics: diagnostics)
        #expect(Headings.of(document) == Headings.of(original))
        #expect(Headings.of(document).count == 8)
        #expect(document.facts().title == "Week Ending February 6, 2022")
        #expect(document.facts().title == original.facts().title)
        #expect(document.facts().slug == "2022-02-06-update")
        #expect(document.facts().slug == original.facts().slug)
        #expect(document.facts().date?.isoDay == "2022-02-06")
        let merges = document.blocks.drop {
            Headings.of(Document(blocks: [$0])) != ["h2 Other Merges"]
        }.dropFirst().first
        guard case .bulletList(let list)? = merges else {
            Issue.record("no list after Other Merges")
            return
        }
        #expect(list.items.count == 6)
        #expect(Words.of(seed, droppingTitlePrefix: true) == Words.of(document))
        #expect(diagnostics.all.isEmpty)
    }

    @Test func samplePostGetsJekyllFrontMatterKeys() throws {
        let text = try String(
            contentsOf: Self.root.appendingPathComponent("samples/2026-03-01-update.txt"),
            encoding: .utf8)
        let document = try Self.read(text)
        #expect(document.meta.hasFrontMatter)
        let keys = document.meta.entries.map(\.key)
        #expect(keys == ["layout", "title", "date", "slug"])
    }

    @Test func samplePostMatchesGolden() throws {
        let sample = Self.root.appendingPathComponent("samples/2026-03-01-update.txt")
        let text = try String(contentsOf: sample, encoding: .utf8)
        let document = try Self.read(text, path: "samples/2026-03-01-update.txt")
        let golden = Self.fixtures.appendingPathComponent("samples/2026-03-01-update.json")
        if let problem = Golden.check(try Self.json(document), against: golden) {
            Issue.record(Comment(rawValue: problem))
        }
        #expect(
            Headings.of(document) == [
                "h2 Developer News", "h2 Release Schedule", "h2 Featured PRs",
                "h3 #130501: Add a dry-run mode to the node drain API",
                "h3 #130377: Remove the legacy flag parser from kube-proxy", "h2 Other Merges",
                "h2 Promotions", "h2 Deprecated", "h2 Version Updates",
            ])
        #expect(Words.of(text, droppingTitlePrefix: true) == Words.of(document))
    }

    @Test(arguments: cases)
    func fixtureMatchesGolden(_ name: String) throws {
        let text = try String(
            contentsOf: Self.fixtures.appendingPathComponent("\(name).txt"), encoding: .utf8)
        let document = try Self.read(text, path: "\(name).txt")
        let golden = Self.fixtures.appendingPathComponent("\(name).json")
        if let problem = Golden.check(try Self.json(document), against: golden) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test func blankLineStyleReadsHeadingsListsCodeAndQuotes() throws {
        let text = try String(
            contentsOf: Self.fixtures.appendingPathComponent("blank-line-style.txt"),
            encoding: .utf8)
        let document = try Self.read(text)
        #expect(Headings.of(document) == ["h2 Developer News", "h3 A Sub-Heading"])
        #expect(document.facts().date?.isoDay == "2026-03-10")
        #expect(document.facts().slug == "2026-03-08-update")
        let kinds = document.blocks.map { Self.kind($0) }
        #expect(
            kinds == [
                "heading", "paragraph", "paragraph", "heading", "bulletList", "orderedList",
                "codeBlock", "blockQuote", "thematicBreak", "paragraph",
            ])
        #expect(document.urls == ["https://example.org/notes", "https://example.org/x"])
        if case .codeBlock(_, _, let code) = document.blocks[6] {
            #expect(code == "indented code\n  keeps its indent\n")
        }
    }

    @Test func numberedReferencesBecomeLinks() throws {
        let text = try String(
            contentsOf: Self.fixtures.appendingPathComponent("numbered-references.txt"),
            encoding: .utf8)
        let document = try Self.read(text)
        #expect(
            document.urls == [
                "https://github.com/kubernetes/kubernetes/pull/130999",
                "https://example.org/design",
                "https://example.org/follow-up",
            ])
        #expect(
            Headings.of(document) == [
                "h2 Featured PRs", "h3 #130999: Add a frobnicator to the scheduler",
            ])
        #expect(!Words.of(document).contains("[1]"))
    }

    @Test func oneLinePerBlockJoinsBrokenLinesAndKeepsLeadLines() throws {
        let text = try String(
            contentsOf: Self.fixtures.appendingPathComponent("one-line-per-block.txt"),
            encoding: .utf8)
        let document = try Self.read(text)
        #expect(
            Headings.of(document) == [
                "h2 Developer News", "h2 Release Schedule", "h2 Shoutouts", "h2 Graph of the Week",
            ])
        #expect(
            document.blocks.map { Self.kind($0) } == [
                "heading", "paragraph", "paragraph", "heading", "paragraph", "heading",
                "bulletList", "orderedList",
                "heading", "paragraph",
            ])
        #expect(document.urls == ["https://example.org/graph.png"])
        #expect(Words.of(text, droppingTitlePrefix: true) == Words.of(document))
    }

    @Test func emptyAndBlankInputAreErrors() {
        #expect(throws: ReadError.empty(path: "post.txt")) { try Self.read("") }
        #expect(throws: ReadError.empty(path: "post.txt")) { try Self.read(" \n\t\n  \n") }
        #expect(throws: ReadError.binary(path: "post.txt")) { try Self.read("LWKD: x\n\u{0}\u{1}") }
    }

    @Test func missingTitleIsAWarningWithItsLine() throws {
        let diagnostics = DiagnosticSink()
        let (document, map) = try PlainReader().readMapped(
            Source(text: "\n\n- a list item is no title\n- another\n", path: "notes.txt"),
            in: ReadContext(diagnostics: diagnostics))
        #expect(document.meta["title"] == nil)
        #expect(diagnostics.all.isEmpty, "the reader leaves the fallback to the facts")
        _ = Post(document: document, sourceMap: map, site: .lwkd, diagnostics: diagnostics)
        let titles = diagnostics.all.filter { $0.message.hasPrefix("no title found") }
        #expect(titles.count == 1)
        #expect(titles.first?.line == 3)
        #expect(
            titles.first?.description.hasPrefix("notes.txt:3:1: warning: no title found") == true)
        #expect(Words.of(document) == ["a", "list", "item", "is", "no", "title", "another"])
    }

    @Test func registryAndDetectorFindThePlainReader() throws {
        #expect(try Readers.named("plain") is PlainReader)
        #expect(try Readers.named("post") is PlainReader)
        let sample = try String(
            contentsOf: Self.root.appendingPathComponent("samples/2026-03-01-update.txt"),
            encoding: .utf8)
        #expect(FormatDetector.detect(sample) == "plain")
        let blank = try String(
            contentsOf: Self.fixtures.appendingPathComponent("blank-line-style.txt"),
            encoding: .utf8)
        #expect(FormatDetector.detect(blank) == "plain")
        #expect(
            FormatDetector.detect("## Heading\n\nText with a [link](https://x.org).\n")
                == "markdown")
    }

    @Test func deepQuotesDoNotRecurseWithoutBound() throws {
        let text = "Title\n\n" + String(repeating: "> ", count: 5000) + "deep\n"
        let document = try Self.read(text)
        #expect(Words.of(document).last == "deep")
    }

    static func kind(_ block: Block) -> String {
        switch block {
        case .paragraph: "paragraph"
        case .heading: "heading"
        case .bulletList: "bulletList"
        case .orderedList: "orderedList"
        case .blockQuote: "blockQuote"
        case .codeBlock: "codeBlock"
        case .thematicBreak: "thematicBreak"
        case .rawBlock: "rawBlock"
        case .table: "table"
        }
    }
}

/// Random plain text built from the shapes the reader looks for: it never crashes and never
/// drops a word.
@Suite struct PlainReaderPropertyTests {
    /// SplitMix64: small, seeded and the same on every platform.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static let pieces = [
        "-", "*", "1.", "2)", ">", "> >", "* * *", "===", "---", "[1]", "[2]",
        "[1] https://x.org/a",
        "https://k8s.io/b.", "(https://k8s.io/c)", "    ", "\t", "#123:", "KEP-42",
        "Release Schedule",
        "Developer News", "Next Deadline:", "alpha", "Beta", "gamma,", "delta.", "EPSILON", "zeta?",
        "the", "LWKD:", "Week Ending March 1, 2026", "[ ]", "[x]", "•", "From", "ann@example.org.",
        "x@", "@y", "a@b", "[1],", "[2](see)", "[3]x", "https://", "mailto:a@b.co", "é", "日本",
    ]

    @Test(arguments: 0..<300)
    func randomTextKeepsEveryWord(_ seed: Int) throws {
        var random = Generator(state: UInt64(seed))
        var lines: [String] = []
        for _ in 0..<(1 + random.next(25)) {
            let count = random.next(8)
            lines.append(
                (0..<count).map { _ in Self.pieces[random.next(Self.pieces.count)] }.joined(
                    separator: " "))
        }
        let text = lines.joined(separator: random.next(2) == 0 ? "\n" : "\n\n")
        guard text.contains(where: { !$0.isWhitespace }) else { return }
        let document = try PlainReader().read(
            Source(text: text, path: "random.txt"), in: ReadContext())
        // A `[n] URL` line that a marker cites becomes that link's destination.
        let urls = Set(document.urls)
        let kept = text.split(separator: "\n").filter { line in
            let parts = line.split(whereSeparator: \.isWhitespace)
            return !(parts.count == 2 && parts[0].hasPrefix("[") && urls.contains(String(parts[1])))
        }
        var expected = Self.realWords(kept.joined(separator: "\n"))
        // The newsletter's name before the title is not part of it.
        if let first = kept.first(where: { !$0.allSatisfy(\.isWhitespace) }),
            first.hasPrefix("LWKD: "),
            document.facts().title != nil
        {
            expected.removeFirst()
        }
        let found = Self.realWords(Words.of(document).joined(separator: " "))
        var remaining = found[...]
        for word in expected {
            guard let index = remaining.firstIndex(of: word) else {
                Issue.record("lost '\(word)' from:\n\(text)")
                return
            }
            remaining = remaining[(index + 1)...]
        }
    }

    /// Alphabetic words of two letters or more; markers and punctuation are not words.
    static func realWords(_ text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count >= 2 }
    }
}
