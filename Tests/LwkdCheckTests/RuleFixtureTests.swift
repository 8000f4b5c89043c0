import LwkdCheck
import LwkdModel
import Testing

/// One rule's fixture: a post it must flag at an exact span with an exact message, and a
/// near miss it must leave alone.
struct RuleCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var source: String
    var file = "2026-08-16-update.md"
    var now = fixtureNow
    var line: Int
    var column: Int
    var endLine: Int? = nil
    var endColumn: Int
    var message: String
    var nearMiss: String
    var nearMissFile: String? = nil

    var testDescription: String { rule }
}

let ruleCases: [RuleCase] = [
    RuleCase(
        rule: "date-unreadable",
        source: frontMatter.replacingOccurrences(
            of: "2026-08-18 22:00:00", with: "2026-08-1O 22:00:00"),
        line: 4, column: 7, endColumn: 31,
        message:
            "date '2026-08-1O 22:00:00 -0000' is not a date Jekyll can read, so the post gets the "
            + "file name's 2026-08-16; write it as YYYY-MM-DD HH:MM:SS -0000",
        // Jekyll reads February 30 (as March 2); that is another rule's business.
        nearMiss: frontMatter.replacingOccurrences(of: "2026-08-18", with: "2026-08-17")),
    RuleCase(
        rule: "date-not-in-calendar",
        source: frontMatter.replacingOccurrences(of: "2026-08-18", with: "2026-02-29"),
        file: "2026-02-22-update.md",
        line: 4, column: 7, endColumn: 31,
        message:
            "date '2026-02-29 22:00:00 -0000' is not a calendar date; Jekyll publishes it as "
            + "2026-03-01, so the permalink says that day; write the day meant",
        // 2028 is a leap year.
        nearMiss: frontMatter.replacingOccurrences(of: "2026-08-18", with: "2028-02-29"),
        nearMissFile: "2028-02-27-update.md"),
    RuleCase(
        rule: "date-in-future",
        source: frontMatter, now: PostDate(parsing: "2026-08-13T15:16:29-07:00")!,
        line: 4, column: 7, endColumn: 31,
        message:
            "date 2026-08-18 22:00:00 -0000 is in the future (now is 2026-08-13T22:16:29Z): "
            + "GitHub Pages will not publish the post until then; set it to the publication time",
        // Midnight of the 14th at +0200 is 22:00Z on the 13th, before now.
        nearMiss: frontMatter.replacingOccurrences(
            of: "2026-08-18 22:00:00 -0000", with: "2026-08-14 00:00:00 +0200")),
    RuleCase(
        rule: "date-before-week",
        source: frontMatter.replacingOccurrences(of: "2026-08-18", with: "2026-08-15"),
        line: 4, column: 7, endColumn: 31,
        message:
            "date 2026-08-15 22:00:00 -0000 is before the week it reports ends (the title's "
            + "week ending 2026-08-16); a post is dated when it is published",
        // The evening of the Sunday itself.
        nearMiss: frontMatter.replacingOccurrences(
            of: "2026-08-18 22:00:00", with: "2026-08-16 23:30:00")),
    RuleCase(
        rule: "date-long-after-week",
        source: frontMatter.replacingOccurrences(of: "2026-08-18", with: "2026-08-26"),
        now: PostDate(parsing: "2026-09-01T00:00:00Z")!,
        line: 4, column: 7, endColumn: 31,
        message:
            "date 2026-08-26 22:00:00 -0000 is 10 days after the week it reports (the title's "
            + "week ending 2026-08-16); check the month and day",
        nearMiss: frontMatter.replacingOccurrences(of: "2026-08-18", with: "2026-08-25")),
    RuleCase(
        rule: "date-year-mismatch",
        source: frontMatter.replacingOccurrences(of: "2026-08-18", with: "2025-08-18"),
        line: 4, column: 7, endColumn: 31,
        message: "date 2025-08-18 22:00:00 -0000 is in 2025, but the file name says 2026; fix the year",
        // The week of December 27 is published in the new year.
        nearMiss: """
            ---
            title: Week Ending December 27, 2026
            date: 2027-01-02 22:00:00 -0000
            ---
            Text.

            """,
        nearMissFile: "2026-12-27-update.md"),
    RuleCase(
        rule: "slug-mismatch",
        source: frontMatter.replacingOccurrences(
            of: "slug: 2026-08-16-update", with: "slug: 2026-08-09-update"),
        line: 5, column: 7, endColumn: 23,
        message:
            "slug '2026-08-09-update' differs from the file name '2026-08-16-update'; the "
            + "permalink and the feed id follow the slug",
        nearMiss: frontMatter.replacingOccurrences(
            of: "slug: 2026-08-16-update", with: "slug: update")),
    RuleCase(
        rule: "week-ending-mismatch",
        source: frontMatter.replacingOccurrences(of: "August 16, 2026", with: "August 23, 2026"),
        line: 3, column: 8, endColumn: 34,
        message:
            "the title's week ending 2026-08-23 is not the file name's day 2026-08-16; fix one of them",
        nearMiss: frontMatter.replacingOccurrences(
            of: "title: Week Ending August 16, 2026",
            with: "title: \"Special Edition: Week Ending August 16, 2026\"")),
    RuleCase(
        rule: "week-ending-not-sunday",
        source: frontMatter.replacingOccurrences(of: "August 16, 2026", with: "August 15, 2026")
            .replacingOccurrences(of: "slug: 2026-08-16-update", with: "slug: 2026-08-15-update"),
        file: "2026-08-15-update.md",
        line: 3, column: 8, endColumn: 34,
        message: "the week ending 2026-08-15 is a Saturday, not a Sunday",
        nearMiss: frontMatter),

    RuleCase(
        rule: "bare-list-item",
        source: post("## Other Merges\n\n* Kubelet gains a flag\n*\n"),
        line: 10, column: 1, endColumn: 1,
        message: "empty list item left from the template; remove it or write the entry",
        // A thematic break written with stars is no list item.
        nearMiss: post("## Other Merges\n\n* Kubelet gains a flag\n\n* * *\n")),
    RuleCase(
        rule: "empty-section",
        source: post("## Promotions\n\n## Deprecated\n\n* the v1beta1 API\n"),
        line: 7, column: 1, endColumn: 13,
        message: "section 'Promotions' has nothing under it; fill it in or remove the heading",
        // A section whose only content is a filled subsection is not empty.
        nearMiss: post("## Developer News\n\n### Election Update\n\nVoting is open.\n")),
    RuleCase(
        rule: "template-placeholder",
        source: frontMatter.replacingOccurrences(of: "August 16, 2026", with: "Month DD, YYYY"),
        line: 3, column: 20, endColumn: 33,
        message: "'Month DD, YYYY' is a placeholder from the template; replace it",
        nearMiss: post(
            "**Next Deadline: Code Freeze, August 25**\n\n```\ntitle: Week Ending Month DD, YYYY\n```\n"
        )),
    RuleCase(
        rule: "duplicate-heading",
        source: post("## Other Merges\n\n## Other Merges\n\n* Kubelet gains a flag\n"),
        line: 9, column: 1, endColumn: 15,
        message: "heading 'Other Merges' repeats the one on line 7; remove one",
        nearMiss: post("## Other Merges\n\n* Kubelet gains a flag\n\n### Other Merges\n\n* more\n")),

    RuleCase(
        rule: "link-extra-parens",
        source: post("See [the KEP]((https://github.com/kubernetes/enhancements/issues/1)).\n"),
        line: 7, column: 15, endColumn: 67,
        message:
            "destination is wrapped in extra parentheses, so it links to "
            + "'(https://github.com/kubernetes/enhancements/issues/1)'; remove them",
        nearMiss: post("See [Foo](https://en.wikipedia.org/wiki/Foo_(bar)).\n")),
    RuleCase(
        rule: "link-inner-space",
        source: post("Read [the notes]( https://kubernetes.io/releases/).\n"),
        line: 7, column: 18, endColumn: 18,
        message: "space inside the parentheses of a link; remove it",
        // The space before a title is the syntax's own.
        nearMiss: post("Read [the notes](https://kubernetes.io/releases/ \"Releases\").\n")),
    RuleCase(
        rule: "link-bad-character",
        source: post("* [#123561](https://github.com/kubernetes/kubernetes/pull/123561]) lands\n"),
        line: 7, column: 65, endColumn: 65,
        message: "destination holds ']', which a URL cannot; the link is probably cut or mistyped",
        nearMiss: post("* [Foo](https://en.wikipedia.org/wiki/Foo_(bar)) lands\n")),
    RuleCase(
        rule: "link-no-scheme",
        source: post("Read about [network tiers](cloud.google.com/network-tier).\n"),
        line: 7, column: 28, endColumn: 56,
        message:
            "destination 'cloud.google.com/network-tier' has no scheme, so it is a path on this "
            + "site; write 'https://cloud.google.com/network-tier'",
        // A path on the site, and a bare word inside code.
        nearMiss: post(
            "As [discussed](/2022/20221129), see `[metric](apiserver_request_error_total)`.\n")),
    RuleCase(
        rule: "link-empty",
        source: post("[Helm Summit]() is next week.\n"),
        line: 7, column: 14, endColumn: 15,
        message: "link has no destination; add the URL",
        // An image is text enough.
        nearMiss: post("[![logo](logo.png)](https://kubernetes.io) is next week.\n")),
    RuleCase(
        rule: "link-text-vague",
        source: post("Read more [here](https://kubernetes.io/blog/).\n"),
        line: 7, column: 11, endColumn: 45,
        message: "link text 'here' says nothing; put the link on the words that name it",
        nearMiss: post("Read more [here is the KEP](https://kubernetes.io/blog/).\n")),
    RuleCase(
        rule: "link-number-mismatch",
        source: post(
            "### [#114055: leases for leader election](https://github.com/kubernetes/kubernetes/pull/114056)\n"
        ),
        line: 7, column: 5, endColumn: 95,
        message: "link text says #114055 but the link goes to #114056; fix the number or the URL",
        nearMiss: post(
            "### [#114055: leases for leader election](https://github.com/kubernetes/kubernetes/pull/114055)\n"
                + "\n[1.26 is out](https://github.com/kubernetes/kubernetes/pull/114056)\n")),

    RuleCase(
        rule: "unbalanced-backticks",
        source: post("EndpointSlices get ``terminating` conditions.\n"),
        line: 7, column: 20, endColumn: 20,
        message:
            "unmatched backtick: the code span it opens or closes has no partner in this "
            + "paragraph; add the missing ` or remove this one",
        nearMiss: post("Use `kubectl` and ``a ` b`` here.\n")),
    RuleCase(
        rule: "trailing-space",
        source: post("Some text.   \n"),
        line: 7, column: 11, endColumn: 13,
        message: "trailing white space; remove it",
        // Two spaces before a paragraph's next line are a hard line break.
        nearMiss: post("Line one  \nline two.\n")),
    RuleCase(
        rule: "blank-lines",
        source: post("Para one.\n\n\n\nPara two.\n"),
        line: 9, column: 1, endLine: 10, endColumn: 1,
        message: "3 blank lines in a row; one is enough",
        nearMiss: post("Para one.\n\n```\na\n\n\n\nb\n```\n")),
    RuleCase(
        rule: "bullet-period",
        source: post("## Other Merges\n\n* Kubelet gains a flag.\n"),
        line: 9, column: 23, endColumn: 23,
        message: "bullet entry ends with a period; the style guide leaves it off",
        nearMiss: post(
            "## Version Updates\n\n* Bump etcd to v1.2.\n\n## Developer News\n\n* A sentence.\n")),
    RuleCase(
        rule: "term-case",
        source: post("We upgraded Kubectl today.\n"),
        line: 7, column: 13, endColumn: 19,
        message: "'Kubectl' is spelled 'kubectl' in the newsletter",
        nearMiss: post(
            "Run `Kubectl`, see https://Kubernetes.io, kube-apiserver and "
                + "[kubernetes/kubernetes](https://github.com/kubernetes/kubernetes).\n")),
]

@Suite struct RuleFixtureTests {
    @Test func everyRuleHasAFixture() {
        #expect(Set(ruleCases.map(\.rule)) == Set(Rules.all.map(\.id)))
    }

    @Test(arguments: ruleCases)
    func flagsAtTheExactSpan(_ c: RuleCase) throws {
        let found = try check(c.source, file: c.file, now: c.now).filter { $0.rule == c.rule }
        try #require(found.count == 1, "\(found.map(\.line))")
        let f = found[0]
        #expect(f.range.line == c.line)
        #expect(f.range.column == c.column)
        #expect(f.range.endLine == (c.endLine ?? c.line))
        #expect(f.range.endColumn == c.endColumn)
        #expect(f.message == c.message)
        #expect(f.severity == Rules.named(c.rule)!.severity)
        #expect(f.file == c.file)
    }

    @Test(arguments: ruleCases)
    func leavesTheNearMissAlone(_ c: RuleCase) throws {
        let found = try check(c.nearMiss, file: c.nearMissFile ?? c.file, now: c.now)
            .filter { $0.rule == c.rule }
        #expect(found.isEmpty, "\(found.map(\.line))")
    }
}

/// Fuzz finding (issue 15): cmark-gfm ends a line at a CR alone, as CommonMark does, and check
/// counted only LFs, so an empty item on a CR-ended line sat past the post's last line and
/// `lwkdconv --to markdown` crashed ("Range requires lowerBound <= upperBound").
@Suite struct LoneCarriageReturnTests {
    @Test func anEmptyItemAfterLoneCRsIsFoundOnItsLine() throws {
        let source = post("## Other Merges\r\r* Kubelet gains a flag\r*\r")
        let found = try check(source).filter { $0.rule == "bare-list-item" }
        try #require(found.count == 1, "\(found.map(\.line))")
        #expect(found[0].range.line == 10)
        #expect(found[0].range.column == 1)
    }

    @Test func theFuzzedPostChecksWithoutACrash() throws {
        let post = try CheckedPost.read(
            Array("---2*\n\r-\n\r\n*\n".utf8), path: "fuzz.md", format: "markdown")
        // "---2*", "" (a CR alone), "-", "" (CR LF), "*".
        #expect(post.lineCount == 5)
        let found = Checker(now: fixtureNow).findings(in: post)
        let items = found.filter { $0.rule == "bare-list-item" }.map(\.range.line)
        #expect(items == [3, 5])
    }
}
