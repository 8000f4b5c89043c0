import LwkdModel
import LwkdReaders
import LwkdTestSupport
@testable import LwkdWriters
import Testing

/// Golden output per node kind, and the round-trip guarantees that need no golden.
@Suite struct MarkdownWriterTests {
    @Test(arguments: WriterGoldens.cases) func golden(_ name: String) throws {
        if let failure = try WriterGoldens.check(name, writer: MarkdownWriter()) {
            Issue.record(Comment(rawValue: failure))
        }
    }

    @Test(arguments: WriterGoldens.cases) func goldenReadsBackToTheInput(_ name: String) throws {
        let document = try WriterGoldens.input(name)
        let written = try Convert.write(document, as: "markdown")
        #expect(try Convert.markdown(written, fileName: document.meta.fileName) == document)
    }

    @Test func keepsAuthorChoices() throws {
        let text = "---\ntitle: x\n---\n\nTitle\n===\n\n+ plus\n\n3) three\n"
        #expect(try Convert.write(Convert.markdown(text), as: "markdown") == text)
    }

    @Test func neverRewrapsParagraphs() throws {
        let long = String(repeating: "word ", count: 60) + "end\nnext line\n"
        #expect(try Convert.write(Convert.markdown(long), as: "markdown") == long)
    }

    @Test func codeFenceOutgrowsBackticksInCode() throws {
        let document = Document(blocks: [.codeBlock(style: .fenced, info: "", text: "````\n")])
        #expect(try Convert.write(document, as: "markdown") == "`````\n````\n`````\n")
    }

    @Test func inlineCodeWithBackticks() throws {
        let document = Document(blocks: [
            .paragraph(content: [.code(text: "a`b"), .text(text: " "), .code(text: "`x`")])
        ])
        #expect(try Convert.write(document, as: "markdown") == "``a`b`` `` `x` ``\n")
    }

    @Test func adjacentListsAreSeparated() throws {
        let item = ListItem(blocks: [.paragraph(content: [.text(text: "a")])])
        let document = Document(blocks: [
            .bulletList(list: BulletList(items: [item])),
            .bulletList(list: BulletList(items: [item])),
        ])
        #expect(try Convert.write(document, as: "markdown") == "- a\n\n<!-- end list -->\n\n- a\n")
    }

    @Test func destinationsWithSpacesAreBracketed() throws {
        let document = Document(blocks: [
            .paragraph(content: [
                .link(link: Link(destination: "a b", title: "t\"q"), content: [.text(text: "x")])
            ])
        ])
        #expect(try Convert.write(document, as: "markdown") == "[x](<a b> \"t\\\"q\")\n")
    }

    @Test func firstThematicBreakIsNotFrontMatter() throws {
        let document = Document(blocks: [.thematicBreak, .paragraph(content: [.text(text: "x")])])
        let written = try Convert.write(document, as: "markdown")
        #expect(written == "***\n\nx\n")
        #expect(try Convert.markdown(written).blocks == document.blocks)
    }

    /// Fuzz finding (issue 15): emphasis directly in emphasis, after a letter, was written with
    /// `_`, which cannot open inside a word (`b_****y****_`), so the inner emphasis was lost.
    @Test func emphasisInEmphasisInsideAWordKeepsStars() throws {
        let document = try Convert.markdown("****b*****y******z\n")
        let written = try Convert.write(document, as: "markdown")
        #expect(written == "\\*\\*\\**b*****y******z\n")
        #expect(try Convert.markdown(written).blocks == document.blocks)
    }

    /// Reads `source`, writes it back, and expects the same blocks on reading the output.
    static func expectRoundTrip(_ source: String) throws {
        let document = try Convert.markdown(source + "\n")
        let written = try Convert.write(document, as: "markdown")
        #expect(
            try Convert.markdown(written).blocks == document.blocks,
            "\(source) was written as \(written)")
    }

    /// Fuzz finding (issue 15, `fuzz-strong-runs-after-emphasis-opener.md`): a delimiter run of
    /// an inner emphasis that can both open and close (punctuation on both sides, or letters on
    /// both sides) was written with the character of an enclosing emphasis, and closed it
    /// (`_\_*_**b**_\<*_`: the `_` before `**b` closed the first `_`).
    @Test(arguments: ["*_****b***<**", "_***=*<*_", "**<_*=*_*", "_b*b*<_"])
    func innerRunsNeverCloseAnEnclosingEmphasis(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    /// Fuzz finding (issue 15, `fuzz-two-emphases-in-emphasis-after-underscore.md`).
    ///
    /// A literal `_` or `*` next to an emphasis run of its character: escaped, it is still
    /// punctuation before the run, so the run can both open and close and CommonMark's rule of
    /// three (rule 9) keeps it from pairing (`\__*=*_n__`); unescaped, it joins the run and is
    /// left over as text, as it was in the source.
    @Test(arguments: ["___=_*n*_", "x***a*bb*a", "_*a*_aa=___", "__*_*_b__*"])
    func literalDelimiterNextToARunJoinsIt(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    /// Fuzz finding (issue 15, `fuzz-emphasis-in-strong-in-emphasis-after-stars.md`).
    ///
    /// `**` as text before emphasis holding strong holding emphasis (`******0*o**0*o`): the
    /// run of four written after `\*\*` cannot pair its `**` closer (4 + 2 is a multiple of
    /// three), and with one `*` joined the run of five cannot pair the `*` closers. Both literal
    /// stars join the run, as in the source, and are left over as text.
    @Test(arguments: ["******0*o**0*o", "a******0*o**0*o", "**x ******0*o**0*o"])
    func twoLiteralDelimitersNextToARunJoinIt(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    /// Fuzz finding (issue 15, `fuzz-line-feed-in-an-info-string.md`): `&#10;` in an info
    /// string reads as a line feed, which was written raw and ended the info line early.
    @Test(arguments: ["~~~| t&#10;x |\ncode\n~~~\n", "```a&#13;b\n```\n", "```a&#13;&#10;b\nc\n```\n"])
    func aLineEndingInAnInfoStringIsAReference(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    /// Fuzz finding (issue 15, `fuzz-line-feed-in-a-link-destination.md`): `&#10;` in a link
    /// destination or title reads as a line feed; written raw in `<…>` it ended the link, and
    /// two of them in a title made a blank line that ended the paragraph.
    @Test(arguments: [
        "![a](/x&#10;y.png)\n", "[a](/x&#13;&#10;y)\n", "[a](/x \"t&#10;&#10;u\")\n",
        "[a]: /r&#10;s\n\n[a]\n",
    ])
    func aLineEndingInALinkIsAReference(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    /// Fuzz finding (issue 15, `fuzz-indented-code-after-an-empty-nested-list.md`): indented
    /// code after a list whose last item is empty was fenced, as after any list; a blank line
    /// ends an empty item, so it can stay indented.
    @Test(arguments: [
        "- M\n\n  *\n\n      *\n", "- a\n-\n\n    code\n", "1. a\n2.\n\n    code\n",
    ])
    func indentedCodeAfterAnEmptyItemStaysIndented(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    /// Fuzz finding (issue 15, `fuzz-lazy-continuation-makes-a-tight-list-loose.md`): two
    /// lists of different markers in a tight item were parted by a blank line, which made the
    /// item loose; another marker or delimiter is enough to start another list.
    @Test(arguments: [
        "- * a\n  - b\n", "- 1. a\n  1) b\n", "- 1. a\n  3) b\n", "- * a\n  -\n",
        "- * a\n  - b\n- c\n", "- 1. a\n  3) b\n  + c\n  + d\n",
    ])
    func listsOfAnotherMarkerInATightItemStayTight(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    /// Fuzz finding (issue 15, `fuzz-strong-closing-after-escaped-tildes.md`): the check of
    /// the delimiters took U+061D (Arabic end of text mark, Unicode 14) for punctuation, as
    /// Swift does; cmark-gfm's older tables take it for a letter, so the run after it closes.
    @Test(arguments: ["**.\u{61D}~~~**y*\"*z~~*z", "*a\u{61D}*b", "_\u{61D}_x"])
    func delimiterRunsUseTheParsersCharacterClasses(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    /// Fuzz finding (issue 15, `fuzz-underscore-emphasis-in-setext-lines.md`): the search for
    /// delimiters that read back tried only a group's first 10 variables; between two busy
    /// neighbours, the one change that fixed `___=_*n*_` (its leading `_` joined to the opener,
    /// so the opener cannot close) was the 11th.
    @Test(arguments: [
        "1foo_*o_*\n___=_*n*_\n___=_**_\n___=_*n*_", "___=_*n*_\n___=_**_\n___=_*n*_",
    ])
    func theSearchTriesEveryNeighboursEdge(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    /// The search's subsets come fewest first and, among subsets of one size, in increasing
    /// order: as sorting them all would, for every count, without making 2^count of them.
    @Test func subsetMasksComeFewestFirst() {
        for count in 0...12 {
            let sorted = (1..<(1 << count)).sorted {
                ($0.nonzeroBitCount, $0) < ($1.nonzeroBitCount, $1)
            }
            #expect(Array(SubsetMasks(count)) == sorted, "count \(count)")
        }
        #expect(Array(SubsetMasks(40).prefix(41)).last == 0b11)
    }

    /// Fuzz finding (issue 15, `fuzz-indented-code-first-in-a-tight-item.md`): indented code
    /// that opens a list item was fenced, as if it followed a paragraph.
    @Test(arguments: ["- *     code\n", "-     a\n      b\n- c\n", "1.     x\n\n   para\n"])
    func indentedCodeFirstInAnItemStaysIndented(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    /// Fuzz finding (issue 15, `fuzz-thematic-break-first-in-a-nested-item.md`): a break that
    /// opens a list item was written with the item's marker character (`- * ***`), and the
    /// marker and the break read back as one break.
    @Test(arguments: ["- * ---\n", "* - ***\n", "- - * * *\n", "1. * ---\n", "- a\n- ***\n"])
    func aBreakFirstInAnItemIsNotJoinedToItsMarker(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    /// Fuzz finding (issue 15, `fuzz-nbsp-entity-next-to-a-delimiter.md`): `&nbsp;` reads as
    /// U+00A0, which was written raw; next to a delimiter the raw character is whitespace to
    /// cmark-gfm's flanking rules and the entity's `&` punctuation, so emphasis changed.
    @Test(arguments: [
        " _**&nbsp;1 _**& \n*", "~*&nbsp;*y*****\"*z\n*z", "*&nbsp;a&nbsp;*", "**&#x2003;b**",
        "a\u{A0}*b*\u{A0}c",
    ])
    func aUnicodeSpaceNextToADelimiterIsAReference(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    /// Fuzz finding (issue 15, `fuzz-empty-task-item.md`): an empty task item was written
    /// `- [x]`, its space trimmed with the line's trailing spaces, which reads as a paragraph.
    @Test(arguments: ["- [x] \n", "- [ ] \n- b\n", "1. [x] \n\n2. c\n", "> - [x] \n"])
    func anEmptyTaskItemKeepsTheSpaceAfterItsBox(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    /// Fuzz finding (issue 15, `fuzz-emphasis-in-strong-in-emphasis-after-stars-found.md`).
    ///
    /// What one group of emphasis leaves over of its opening run (`\****b)` leaves a `*`) pairs
    /// with the next group's opener where that opener can also close: after `\*\*\*\*\*` it
    /// can, after a space it cannot. The next group's text edge joins whole (`******/E0z`), as
    /// the source had it, in the same try that fixes the first group.
    @Test(arguments: [
        "****b)foo**mark*ybbbeb*h [a, b] ******/E0z\n[0*foo",
        "****a)b**c*d*e ***/f\n0*g",
    ])
    func aRunLeftOverDoesNotPairWithTheNextGroup(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    /// Fuzz finding (issue 15, `fuzz-strong-after-tildes-before-a-letter.md`).
    ///
    /// cmark-gfm looks through every `~` next to a run for its flanking and stops at the `\`
    /// of an escaped one, so `**b\~\~\~**y` cannot close: before the `**` it sees `\`,
    /// punctuation, and after it a letter. Joining only the last `~` (`\~\~~**`) still left a
    /// `\` there; the whole run of `~` joins (three or more are text, not strikethrough).
    @Test(arguments: [
        "**b~~~**y", "**b~~**y", "y**~~~b**", "y**~~b**", "a ~~~**b~~~**y",
        "**.*b~~~**y*****\"*z\n*z",
    ])
    func tildesNextToARunJoinItWhole(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    @Test func tildesBeforeAStrongCloserAreWrittenUnescaped() throws {
        let written = try Convert.write(Convert.markdown("**b~~~**y\n"), as: "markdown")
        #expect(written == "**b~~~**y\n")
    }

    /// Fuzz finding (issue 15, `fuzz-www-autolink-with-entity.md`).
    ///
    /// A GFM `www.` autolink keeps `&#3;` as it is, but in a link destination cmark decodes
    /// entities before backslash escapes, so `\&#3;` read back as a backslash and U+0003.
    /// `&amp;` holds everywhere: destinations, titles, image sources and code block info
    /// strings.
    @Test(arguments: [
        "www.&#3;#", "www.a&amp;b", "[x](a&amp;amp;b)", "[x](a \"t&amp;amp;\")",
        "![x](a&amp;amp;b)", "```a&amp;amp;b\nx\n```",
    ])
    func entityLikeTextInDestinationsStaysText(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    @Test func anEntityLikeAmpersandInADestinationIsWrittenAsAmp() throws {
        let written = try Convert.write(Convert.markdown("www.&#3;#\n"), as: "markdown")
        #expect(written == "[www.\\&#3;#](http://www.&amp;#3;#)\n")
    }

    /// CommonMark's own shapes of emphasis in emphasis and of runs of stars inside a word
    /// (spec examples 419, 420 and 416 of 0.29) read back as they were read.
    @Test(arguments: [
        "*_foo_*", "_*foo*_", "foo******bar*********baz", "__foo_ bar_", "*foo**bar***",
    ])
    func specShapesOfNestedEmphasisRoundTrip(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    /// Fuzz findings (issue 15, `fuzz-open-*.md`): runs that open and close by references.
    ///
    /// Emphasis whose runs no choice of `*` and `_`
    /// lets open or close where they stand (punctuation inside next to a letter outside,
    /// `a*.b*`; a space inside, `* a*`). The canonical rendering writes the letter outside, or
    /// the space inside, as a character reference (`&#97;*.b*`, `*&#32;a*`): the same text,
    /// with punctuation next to the run.
    @Test(arguments: [
        "&#97;*.b*", "x *&#32;a*", "*a&#32;*b", "&#97;*_.b_*", "*.b*&#99;", "&#97;**.b**&#99;",
        "&#97;~~.b~~", "*_&#32;a_*", "&#97;*_.b_*&#99;",
    ])
    func referencesLetRunsOpenAndClose(_ source: String) throws {
        try Self.expectRoundTrip(source)
    }

    @Test func theCanonicalRenderingWritesReferencesAtTheRunsEdges() throws {
        let written = try Convert.write(Convert.markdown("&#97;*.b*\n"), as: "markdown")
        #expect(written == "&#97;*.b*\n")
        let inside = try Convert.write(Convert.markdown("x *&#32;a*\n"), as: "markdown")
        #expect(inside == "x *&#32;a*\n")
    }
}
