import LwkdModel
import LwkdReaders
import LwkdTestSupport
import Testing

/// Every node kind the Markdown reader produces, one test each.
@Suite struct MarkdownReaderTests {
    func blocks(_ text: String) throws -> [Block] { try Convert.markdown(text).blocks }

    @Test func atxAndSetextHeadingsKeepTheirStyle() throws {
        let b = try blocks("# One\n\nTwo\n===\n\nThree\n---\n\n#### Four ####\n")
        #expect(
            b == [
                .heading(level: 1, style: .atx, attr: Attr(), content: [.text(text: "One")]),
                .heading(level: 1, style: .setext, attr: Attr(), content: [.text(text: "Two")]),
                .heading(level: 2, style: .setext, attr: Attr(), content: [.text(text: "Three")]),
                .heading(level: 4, style: .atx, attr: Attr(), content: [.text(text: "Four")]),
            ])
    }

    /// Fuzz finding (issue 15, `fuzz-setext-heading-starting-with-hashes.md`): a setext
    /// heading whose text starts with `#` (`######--` opens no ATX heading) was taken for ATX.
    @Test func aSetextHeadingMayStartWithHashes() throws {
        let b = try blocks("######--\ntitle\n---\n\n#nospace\n===\n")
        let styles = b.map { block -> HeadingStyle? in
            if case .heading(_, let style, _, _) = block { return style }
            return nil
        }
        #expect(styles == [.setext, .setext])
    }

    @Test func paragraphWithSoftAndHardBreaks() throws {
        #expect(
            try blocks("a\nb  \nc\\\nd\n") == [
                .paragraph(content: [
                    .text(text: "a"), .softBreak, .text(text: "b"), .hardBreak, .text(text: "c"),
                    .hardBreak, .text(text: "d"),
                ])
            ])
    }

    @Test func bulletListsKeepMarkerAndSpacing() throws {
        let b = try blocks("* a\n* b\n\n- c\n\n- d\n\n+ e\n")
        guard case .bulletList(let first) = b[0], case .bulletList(let second) = b[1],
            case .bulletList(let third) = b[2]
        else {
            Issue.record("expected three lists, got \(b)")
            return
        }
        #expect(first.marker == .star && first.spacing == .tight && first.items.count == 2)
        #expect(second.marker == .dash && second.spacing == .loose)
        #expect(third.marker == .plus)
    }

    @Test func orderedListsKeepStartAndDelimiter() throws {
        let b = try blocks("3) x\n4) y\n")
        #expect(
            b == [
                .orderedList(
                    list: OrderedList(
                        start: 3, delimiter: .paren, spacing: .tight,
                        items: [
                            ListItem(blocks: [.paragraph(content: [.text(text: "x")])]),
                            ListItem(blocks: [.paragraph(content: [.text(text: "y")])]),
                        ]))
            ])
    }

    @Test func taskItems() throws {
        let b = try blocks("- [x] done\n- [ ] todo\n- plain\n")
        guard case .bulletList(let list) = b.first else {
            Issue.record("no list")
            return
        }
        #expect(list.items.map(\.task) == [.checked, .unchecked, nil])
        #expect(list.items[0].blocks == [.paragraph(content: [.text(text: "done")])])
    }

    @Test func nestedListsAndQuotes() throws {
        let b = try blocks("> - a\n>   - b\n")
        #expect(
            b == [
                .blockQuote(blocks: [
                    .bulletList(
                        list: BulletList(
                            marker: .dash,
                            items: [
                                ListItem(blocks: [
                                    .paragraph(content: [.text(text: "a")]),
                                    .bulletList(
                                        list: BulletList(
                                            marker: .dash,
                                            items: [
                                                ListItem(blocks: [
                                                    .paragraph(content: [.text(text: "b")])
                                                ])
                                            ])),
                                ])
                            ]))
                ])
            ])
    }

    @Test func fencedAndIndentedCode() throws {
        #expect(
            try blocks("```go run\nx := 1\n```\n\n    y\n") == [
                .codeBlock(style: .fenced, info: "go run", text: "x := 1\n"),
                .codeBlock(style: .indented, info: "", text: "y\n"),
            ])
    }

    @Test func thematicBreakAndRawHTML() throws {
        #expect(
            try blocks("***\n\n<div>\nhi\n</div>\n\na <b>x</b>\n") == [
                .thematicBreak,
                .rawBlock(format: "html", text: "<div>\nhi\n</div>\n"),
                .paragraph(content: [
                    .text(text: "a "), .rawInline(format: "html", text: "<b>"), .text(text: "x"),
                    .rawInline(format: "html", text: "</b>"),
                ]),
            ])
    }

    @Test func tablesWithAlignment() throws {
        let b = try blocks("| a | b | c | d |\n|---|:--|:-:|--:|\n| 1 | 2 | 3 | 4 |\n")
        #expect(
            b == [
                .table(
                    table: Table(
                        alignments: [.none, .left, .center, .right],
                        header: [
                            [.text(text: "a")], [.text(text: "b")], [.text(text: "c")],
                            [.text(text: "d")],
                        ],
                        rows: [
                            [
                                [.text(text: "1")], [.text(text: "2")], [.text(text: "3")],
                                [.text(text: "4")],
                            ]
                        ]))
            ])
    }

    @Test func emphasisStrongStrikethroughCode() throws {
        #expect(
            try blocks("*e* __s__ ~~x~~ `c`\n") == [
                .paragraph(content: [
                    .emphasis(content: [.text(text: "e")]), .text(text: " "),
                    .strong(content: [.text(text: "s")]), .text(text: " "),
                    .strikethrough(content: [.text(text: "x")]), .text(text: " "), .code(text: "c"),
                ])
            ])
    }

    @Test func linksKnowAutolinks() throws {
        let b = try blocks(
            "[t](/u \"T\") <https://a.io> www.b.io c@d.io [ref]\n\n[ref]: https://r.io\n")
        #expect(
            b == [
                .paragraph(content: [
                    .link(link: Link(destination: "/u", title: "T"), content: [.text(text: "t")]),
                    .text(text: " "),
                    .link(
                        link: Link(destination: "https://a.io", kind: .autolink),
                        content: [.text(text: "https://a.io")]), .text(text: " "),
                    .link(
                        link: Link(destination: "http://www.b.io", kind: .autolink),
                        content: [.text(text: "www.b.io")]), .text(text: " "),
                    .link(
                        link: Link(destination: "mailto:c@d.io", kind: .autolink),
                        content: [.text(text: "c@d.io")]), .text(text: " "),
                    .link(link: Link(destination: "https://r.io"), content: [.text(text: "ref")]),
                ])
            ])
    }

    @Test func imagesKeepAltAsInlines() throws {
        #expect(
            try blocks("![a *b*](/2018/images/x.png \"t\")\n") == [
                .paragraph(content: [
                    .image(
                        image: Image(source: "/2018/images/x.png", title: "t"),
                        content: [.text(text: "a "), .emphasis(content: [.text(text: "b")])])
                ])
            ])
    }

    @Test func entitiesAreDecoded() throws {
        #expect(
            try blocks("a &amp; b &mdash; c\n") == [
                .paragraph(content: [.text(text: "a & b \u{2014} c")])
            ])
    }
}
