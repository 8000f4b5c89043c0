import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import LwkdWriters
import Testing

/// Golden files and layout rules of the plain-text edition.
@Suite struct PlainTextWriterTests {
    static let fixtures = WriterGoldens.fixtures

    static func document(_ name: String) throws -> Document { try WriterGoldens.input(name) }

    static func render(
        _ document: Document, writer: PlainTextWriter = PlainTextWriter(), columns: Int = 72
    ) throws -> String {
        let context = WriteContext(columns: columns, generator: "lwkdconv test")
        guard case .text(let text) = try writer.write(document, in: context) else {
            Issue.record("plain writer produced binary output")
            return ""
        }
        return text
    }

    @Test(arguments: WriterGoldens.cases)
    func matchesGolden(_ name: String) throws {
        if let problem = try WriterGoldens.check(name, writer: PlainTextWriter()) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test(arguments: WriterGoldens.cases)
    func flowedMatchesGolden(_ name: String) throws {
        let text = try Self.render(try Self.document(name), writer: PlainTextWriter(flowed: true))
        let golden = Self.fixtures.appendingPathComponent("plain/flowed/\(name).txt")
        if let problem = Golden.check(text, against: golden) {
            Issue.record(Comment(rawValue: problem))
        }
    }

    @Test func registryHasPlainWriterAndAliases() throws {
        #expect(try Writers.named("plain") is PlainTextWriter)
        #expect(try Writers.named("text") is PlainTextWriter)
        #expect(Writers.forFileName("post.txt") is PlainTextWriter)
    }

    @Test func titleAndDateComeFirst() throws {
        var meta = Meta(entries: [
            MetaEntry(key: "title", value: .string(value: "Week Ending March 1, 2026")),
            MetaEntry(key: "date", value: .date(text: "2026-03-03 22:00:00")),
        ])
        meta.fileName = "2026-03-01-update.md"
        let text = try Self.render(
            Document(meta: meta, blocks: [.paragraph(content: [.text(text: "Hi.")])]))
        #expect(text == "Week Ending March 1, 2026\nMarch 3, 2026\n\nHi.\n")
    }

    @Test func sameURLReusesItsNumberAndAutolinksPrintOnce() throws {
        let text = try Self.render(try Self.document("links-and-references"))
        #expect(text.contains("the release notes [1]"))
        #expect(text.contains("release notes [1] again"))
        #expect(text.contains("An autolink https://lwkd.info/ and"))
        #expect(!text.contains("] https://lwkd.info/\n"))
        #expect(!text.contains("] https://github.com/kubernetes/kubernetes\n"))
        #expect(text.contains("[3] https://lwkd.info/2022/20220209"))
    }

    @Test func referencesAtDocumentEndAreListedOnce() throws {
        let document = try Self.document("links-and-references")
        let text = try Self.render(document, writer: PlainTextWriter(referenceLocation: .document))
        let lines = text.split(separator: "\n")
        let referenceLines = lines.filter { $0.hasPrefix("[") && $0.contains("] http") }
        #expect(referenceLines.count == 5)
        #expect(lines.last.map { $0.hasPrefix("[5] ") } == true)
        let section = try Self.render(document)
        #expect(section.split(separator: "\n").filter { $0.hasPrefix("[2] ") }.count == 2)
    }

    @Test func columnsOptionSetsTheWrapWidth() throws {
        let words = Array(repeating: "word", count: 60).joined(separator: " ")
        let text = try Self.render(
            Document(blocks: [.paragraph(content: [.text(text: words)])]), columns: 40)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 40 })
        #expect(text.split(separator: "\n").contains { $0.count >= 35 })
    }

    @Test func flowedLinesEndInASpaceOnlyWhenSoftAndAreStuffed() throws {
        let paragraph =
            "From the start, " + Array(repeating: "flowing", count: 30).joined(separator: " ")
        let document = Document(blocks: [
            .paragraph(content: [.text(text: paragraph)]),
            .codeBlock(style: .fenced, info: "", text: "  indented code \n"),
            .blockQuote(blocks: [
                .blockQuote(blocks: [.paragraph(content: [.text(text: paragraph)])])
            ]),
        ])
        let text = try Self.render(document, writer: PlainTextWriter(flowed: true))
        // The title line (the fallback "Untitled") and a blank line come first.
        let all = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(all.prefix(2) == ["Untitled", ""])
        let lines = Array(all.dropFirst(2))
        // RFC 3676 §4.4: "From " at a line start is space-stuffed; §4.2: soft breaks end in a space.
        #expect(lines[0].hasPrefix(" From the start,"))
        #expect(lines[0].hasSuffix(" "))
        #expect(lines.allSatisfy { $0.count <= 73 })
        #expect(lines.contains("       indented code"))
        #expect(lines.filter { $0.hasPrefix(">> ") }.count >= 3)
        #expect(!lines.contains { $0.hasPrefix("> >") })
        let paragraphEnd = lines.firstIndex { !$0.hasSuffix(" ") }
        #expect(paragraphEnd.map { lines[$0].hasSuffix("flowing") } == true)
    }

    /// A code span breaks at its spaces like prose; only a word with no space may overflow.
    @Test(arguments: [false, true])
    func longCodeSpanBreaksAtItsSpaces(flowed: Bool) throws {
        let code =
            "kubectl config set-cluster xyz --embed-certs --certificate-authority <(echo $CACERT)"
        let url =
            "https://github.com/kubernetes/enhancements/tree/master/keps/sig-cli/"
            + "1441-kubectl-debug"
        let document = Document(blocks: [
            .paragraph(content: [
                .text(text: "From 1.21 on, a command line such as "), .code(text: code),
                .text(text: " works, and so does "), .code(text: "a  b"),
                .text(text: " with both its spaces. See "),
                .link(link: Link(destination: url), content: [.text(text: url)]),
                .text(text: " for the details of the design."),
            ])
        ])
        let text = try Self.render(document, writer: PlainTextWriter(flowed: flowed))
        let lines = text.split(separator: "\n")
        let limit = flowed ? 73 : 72
        for line in lines where line.count > limit {
            #expect(!line.trimmingCharacters(in: .whitespaces).contains(" "), "too long: \(line)")
        }
        #expect(lines.contains { $0.trimmingCharacters(in: .whitespaces) == url })
        let joined = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(joined.contains(code))
        #expect(joined.contains("a  b with both"))
    }

    /// Every edition has a title line: a document with nothing else gets the fallback title.
    @Test func emptyDocumentWritesOnlyItsTitle() throws {
        #expect(try Self.render(Document(blocks: [])) == "Untitled\n")
    }
}

/// Random documents: the writer accepts every one, keeps lines within the width unless one
/// unbreakable token overflows, and its output reads back without error.
@Suite struct PlainTextWriterPropertyTests {
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

    static let words = [
        "alpha", "beta", "-", "1.", ">", "From", "* * *", "[1]", "x", "supercalifragilistic",
        String(repeating: "long", count: 25), "end.", "  ", "\t", "é", "===",
    ]

    static func inlines(_ random: inout Generator, depth: Int) -> [Inline] {
        (0..<(1 + random.next(12))).map { _ -> Inline in
            let word = words[random.next(words.count)]
            switch random.next(depth > 2 ? 3 : 9) {
            case 0, 1, 2: return .text(text: word + " ")
            case 3: return .code(text: word + " " + words[random.next(words.count)])
            case 4:
                return .link(
                    link: Link(destination: "https://e.org/\(word.count)"),
                    content: [.text(text: word)])
            case 5: return .emphasis(content: inlines(&random, depth: depth + 1))
            case 6: return .softBreak
            case 7:
                return .image(
                    image: Image(source: "/i/\(word.count).png"), content: [.text(text: word)])
            default:
                return .link(
                    link: Link(destination: "https://e.org/a", kind: .autolink),
                    content: [.text(text: "https://e.org/a")])
            }
        }
    }

    static func blocks(_ random: inout Generator, depth: Int) -> [Block] {
        (0..<(1 + random.next(5))).map { _ -> Block in
            switch random.next(depth > 2 ? 3 : 9) {
            case 0, 1: return .paragraph(content: inlines(&random, depth: 0))
            case 2:
                return .heading(
                    level: 1 + random.next(6), style: .atx, attr: Attr(),
                    content: inlines(&random, depth: 2))
            case 3:
                return .bulletList(
                    list: BulletList(items: [ListItem(blocks: blocks(&random, depth: depth + 1))]))
            case 4:
                let items = (0..<(1 + random.next(4))).map { _ in
                    ListItem(blocks: blocks(&random, depth: depth + 1))
                }
                return .orderedList(list: OrderedList(start: random.next(200), items: items))
            case 5: return .blockQuote(blocks: blocks(&random, depth: depth + 1))
            case 6:
                return .codeBlock(
                    style: .fenced, info: "",
                    text: words.shuffled(using: &random).joined(separator: "\n"))
            case 7: return .thematicBreak
            default:
                var cells: [[Inline]] = []
                for _ in 0..<4 { cells.append([.text(text: words[random.next(words.count)])]) }
                return .table(
                    table: Table(
                        alignments: [.left, .right], header: [cells[0], cells[1]],
                        rows: [[cells[2], cells[3]]]))
            }
        }
    }

    @Test(arguments: 0..<100)
    func randomDocumentsFitAndReadBack(_ seed: Int) throws {
        var random = Generator(state: UInt64(seed) &* 7919)
        let document = Document(blocks: Self.blocks(&random, depth: 0))
        for writer in [
            PlainTextWriter(), PlainTextWriter(referenceLocation: .document, flowed: true),
        ] {
            let text = try PlainTextWriterTests.render(document, writer: writer)
            let allowed = Unbreakable(document)
            for line in text.split(separator: "\n") where line.count > (writer.isFlowed ? 73 : 72) {
                // A line is too long only because of an unbreakable unit: a run of text or code
                // with no space in the source, glued to its neighbours.
                let longest = line.split(separator: " ").map(\.count).max() ?? 0
                #expect(longest >= 20 || allowed.permits(line), "line too long: \(line)")
            }
            _ = try PlainReader().read(Source(text: text, path: "random.txt"), in: ReadContext())
        }
    }
}

extension PlainTextWriterPropertyTests.Generator: RandomNumberGenerator {
    mutating func next() -> UInt64 { UInt64(next(Int.max)) }
}
