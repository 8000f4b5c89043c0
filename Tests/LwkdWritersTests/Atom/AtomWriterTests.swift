import LwkdModel
import LwkdTestSupport
import LwkdWriters
import LwkdXML
import Testing

@Suite struct AtomWriterTests {
    static let post = """
        ---
        layout: post
        title: Week Ending August 16, 2026
        date: 2026-08-20 22:00:00 -0000
        slug: 2026-08-16-update
        ---

        ## Developer News

        The [contributor summit](/2026/images/summit.png) is next week. Bring questions & ideas, \
        and see [below](#release-schedule) for dates.

        ## Release Schedule

        **Next Deadline: Code Freeze, August 28th**

        ![chart](/2026/images/chart.png)
        """

    /// The whole one-entry feed, byte for byte: the golden for `--to atom`.
    @Test func onePostIsAOneEntryFeed() throws {
        let document = try AtomTest.read(Self.post, fileName: "2026-08-16-update.md")
        let out = try AtomTest.feed([document])
        #expect(
            out == """
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
                  <id>https://lwkd.info/feed.xml</id>
                  <title type="text">Last Week in Kubernetes Development</title>
                  <subtitle type="text">Stay up-to-date on Kubernetes development in 15 minutes a week.</subtitle>
                  <link rel="self" type="application/atom+xml" href="https://lwkd.info/feed.xml"/>
                  <link rel="alternate" type="text/html" href="https://lwkd.info/"/>
                  <updated>2026-08-20T22:00:00Z</updated>
                  <author>
                    <name>LWKD contributors</name>
                    <uri>https://lwkd.info/</uri>
                  </author>
                  <generator>lwkdconv test</generator>
                  <entry>
                    <id>https://lwkd.info/2026/2026-08-16-update</id>
                    <title type="text">Week Ending August 16, 2026</title>
                    <link rel="alternate" type="text/html" href="https://lwkd.info/2026/20260820" title="Week Ending August 16, 2026"/>
                    <published>2026-08-20T22:00:00Z</published>
                    <updated>2026-08-20T22:00:00Z</updated>
                    <author>
                      <name>LWKD contributors</name>
                    </author>
                    <summary type="text">The contributor summit is next week. Bring questions &amp; ideas, and see below for dates.</summary>
                    <content type="html" xml:base="https://lwkd.info/2026/20260820">&lt;h2 id=&quot;developer-news&quot;&gt;Developer News&lt;/h2&gt;
                &lt;p&gt;The &lt;a href=&quot;https://lwkd.info/2026/images/summit.png&quot;&gt;contributor summit&lt;/a&gt; is next week. Bring questions &amp;amp; ideas, and see &lt;a href=&quot;https://lwkd.info/2026/20260820#release-schedule&quot;&gt;below&lt;/a&gt; for dates.&lt;/p&gt;
                &lt;h2 id=&quot;release-schedule&quot;&gt;Release Schedule&lt;/h2&gt;
                &lt;p&gt;&lt;strong&gt;Next Deadline: Code Freeze, August 28th&lt;/strong&gt;&lt;/p&gt;
                &lt;p&gt;&lt;img src=&quot;https://lwkd.info/2026/images/chart.png&quot; alt=&quot;chart&quot;&gt;&lt;/p&gt;
                </content>
                  </entry>
                </feed>

                """)
        #expect(XMLCheck.problems(in: out).isEmpty)
    }

    /// Many feed-to-email tools ignore xml:base: site paths, fragments and empty links all
    /// become absolute URLs.
    @Test func everyContentURLIsAbsolute() throws {
        let document = try AtomTest.read(
            "---\ntitle: T\ndate: 2020-01-06 22:00:00 -0000\n---\n\n[a](/2020/images/x.png) [b](#news) "
                + "[c]() ![d](images/y.png) [e](mailto:x@example.org) [f](https://k8s.io)\n",
            fileName: "2020-01-05-update.md")
        let out = try AtomTest.feed([document])
        #expect(AtomTest.relativeURLs(in: out) == [])
        for url in [
            "https://lwkd.info/2020/images/x.png", "https://lwkd.info/2020/20200106#news",
            "href=&quot;https://lwkd.info/2020/20200106&quot;", "https://lwkd.info/images/y.png",
            "mailto:x@example.org", "https://k8s.io",
        ] {
            #expect(out.contains(url), "\(url)")
        }
    }

    @Test func writerIsRegisteredAsAtom() throws {
        #expect(try Writers.named("atom") is AtomWriter)
        #expect(Writers.forFileName("feed.xml") is AtomWriter)
        #expect(Writers.forFileName("post.atom") is AtomWriter)
    }

    @Test func sameInputGivesSameBytesWhateverTheClock() throws {
        let document = try AtomTest.read(Self.post, fileName: "2026-08-16-update.md")
        let a = try AtomTest.feed(
            [document], context: AtomTest.context(now: PostDate(year: 2030, month: 1, day: 1)))
        let b = try AtomTest.feed(
            [document], context: AtomTest.context(now: PostDate(year: 2031, month: 6, day: 2)))
        #expect(a == b)
        #expect(AtomTest.values(of: "updated", in: a).first == "2026-08-20T22:00:00Z")
    }

    @Test func feedIsNewestFirstAndUpdatedIsTheNewestEntry() throws {
        let posts = try [
            ("2020-01-05-update.md", "2020-01-06 22:00:00 -0000"),
            ("2022-12-11-update.md", "2022-12-13 22:00:00 -0000"),
            ("2018-07-02-update.md", "2018-07-03 05:00:00 -0000"),
        ].map { name, date in
            try AtomTest.read(
                "---\ntitle: Week Ending\ndate: \(date)\n---\n\nSome words in a paragraph here.\n",
                fileName: name)
        }
        let out = try AtomTest.feed(posts)
        // No `slug:`: Jekyll's slug is the file name without its date.
        #expect(
            AtomTest.entryIDs(in: out) == [
                "https://lwkd.info/2022/update", "https://lwkd.info/2020/update",
                "https://lwkd.info/2018/update",
            ])
        #expect(AtomTest.values(of: "updated", in: out).first == "2022-12-13T22:00:00Z")
        let limited = try AtomTest.feed(posts, limit: 2)
        #expect(AtomTest.entryIDs(in: limited).count == 2)
        #expect(AtomTest.entryIDs(in: try AtomTest.feed(posts, limit: 0)).count == 3)
    }

    @Test func lastModifiedAtIsTheEntryUpdateTime() throws {
        let document = try AtomTest.read(
            "---\ntitle: T\ndate: 2022-01-11 05:00:00 -0000\nlast_modified_at: 2022-01-12 06:00:00 +0100\n---\n\nBody text of the post here.\n",
            fileName: "2022-01-09-update.md")
        let out = try AtomTest.feed([document])
        #expect(AtomTest.values(of: "published", in: out) == ["2022-01-11T05:00:00Z"])
        #expect(
            AtomTest.values(of: "updated", in: out) == [
                "2022-01-12T05:00:00Z", "2022-01-12T05:00:00Z",
            ])
    }

    @Test func sharedIDIsAnErrorNamingBothFiles() throws {
        let a = try AtomTest.read(
            "---\ntitle: A\nslug: same\n---\n\nText.\n", fileName: "2020-01-05-a.md")
        let b = try AtomTest.read(
            "---\ntitle: B\nslug: same\n---\n\nText.\n", fileName: "2020-03-05-b.md")
        #expect {
            try AtomTest.feed([a, b])
        } throws: { error in
            "\(error)".contains(
                "2020-03-05-b.md and 2020-01-05-a.md have the same entry id https://lwkd.info/2020/same"
            )
        }
    }

    /// Writers accept every document: a post with no date is dated by the clock (else the
    /// epoch), with a warning that `--strict` turns into a failure.
    @Test func postWithNoDateIsDatedByTheClockWithAWarning() throws {
        let document = try AtomTest.read("# A title\n\nNo date anywhere.\n", fileName: "notes.md")
        #expect(document.facts().date == nil)
        let diagnostics = DiagnosticSink()
        let clock = PostDate(year: 2026, month: 11, day: 21, hour: 9)
        let out = try AtomTest.feed([document], context: AtomTest.context(diagnostics, now: clock))
        #expect(AtomTest.entryIDs(in: out) == ["https://lwkd.info/2026/notes"])
        #expect(AtomTest.values(of: "published", in: out) == ["2026-11-21T09:00:00Z"])
        #expect(
            diagnostics.all.map(\.description).last?.hasPrefix(
                "notes.md:1:1: warning: no 'date:' in the front matter and no YYYY-MM-DD- file name; "
                    + "the post has no date") == true)
        let epoch = try AtomTest.feed([document])
        #expect(AtomTest.values(of: "published", in: epoch) == ["1970-01-01T00:00:00Z"])
        #expect(XMLCheck.problems(in: epoch).isEmpty)
    }

    /// Totality: every generated document gives a well-formed feed.
    @Test func everyGeneratedDocumentGivesAWellFormedFeed() throws {
        var generator = DocumentGenerator(seed: 7)
        for _ in 0..<100 {
            let out = try AtomTest.feed([generator.document(size: 12)])
            #expect(XMLCheck.problems(in: out).isEmpty)
        }
    }

    @Test(arguments: WriterGoldens.cases) func golden(_ name: String) throws {
        if let failure = try WriterGoldens.check(name, writer: AtomWriter()) {
            Issue.record(Comment(rawValue: failure))
        }
        let document = try WriterGoldens.input(name)
        #expect(XMLCheck.problems(in: try AtomTest.feed([document])).isEmpty)
    }

    /// A post copied from a rendered page: no front matter; the title line gives the date and
    /// the newsletter's slug, which is the real post's jekyll-feed id.
    @Test func copiedPageIsDatedFromItsTitleWithAWarning() throws {
        let document = try AtomTest.read(
            "LWKD: Week Ending February 6, 2022\nDeveloper News\nKubernetes switched to a new CLA bot on Feb. 5. "
                + "You can ask it to recheck.\n", fileName: "001_6c77598d14bca79d.txt")
        let diagnostics = DiagnosticSink()
        let out = try AtomTest.feed([document], context: AtomTest.context(diagnostics))
        #expect(AtomTest.entryIDs(in: out) == ["https://lwkd.info/2022/2022-02-06-update"])
        #expect(AtomTest.values(of: "title", in: out).last == "LWKD: Week Ending February 6, 2022")
        #expect(
            AtomTest.values(of: "summary", in: out)
                == ["Kubernetes switched to a new CLA bot on Feb. 5. You can ask it to recheck."])
        #expect(diagnostics.all.map(\.severity) == [.warning, .warning])
        #expect(
            diagnostics.all.last?.message.contains("using the title's week ending 2022-02-06")
                == true)
    }

    @Test func unpublishedPostsAreLeftOut() throws {
        let a = try AtomTest.read(
            "---\ntitle: A\npublished: false\n---\n\nText.\n", fileName: "2020-01-05-a.md")
        let b = try AtomTest.read("---\ntitle: B\n---\n\nText.\n", fileName: "2020-03-05-b.md")
        #expect(AtomTest.entryIDs(in: try AtomTest.feed([a, b])) == ["https://lwkd.info/2020/b"])
    }

    @Test func controlCharactersAreRemovedWithAWarning() throws {
        var document = try AtomTest.read(
            "---\ntitle: T\n---\n\nText of the body.\n", fileName: "2020-01-05-a.md")
        document.meta["title"] = .string(value: "Week\u{1} Ending\u{1B}")
        let diagnostics = DiagnosticSink()
        let out = try AtomTest.feed([document], context: AtomTest.context(diagnostics))
        #expect(XMLCheck.problems(in: out).isEmpty)
        #expect(AtomTest.values(of: "title", in: out).last == "Week Ending")
        #expect(
            diagnostics.all.map(\.description).contains(
                "2020-01-05-a.md: warning: removed 4 characters that XML 1.0 forbids (first U+0001) from entry 'Week Ending'"
            ))
    }

    @Test func feedMetadataComesFromOptions() throws {
        let document = try AtomTest.read(Self.post, fileName: "2026-08-16-update.md")
        var context = AtomTest.context()
        context.site = Site(baseURL: "https://example.org/lwkd/", name: "Other")
        let writer = AtomWriter(
            feed: FeedInfo(
                title: "LWKD 2026", subtitle: "Sub", authorName: "Editors", feedPath: "/atom.xml",
                language: "en-GB"))
        guard case .text(let out) = try writer.write(document, in: context) else { return }
        #expect(out.contains(#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">"#))
        #expect(
            AtomTest.values(of: "id", in: out) == [
                "https://example.org/lwkd/atom.xml",
                "https://example.org/lwkd/2026/2026-08-16-update",
            ])
        #expect(AtomTest.values(of: "title", in: out).first == "LWKD 2026")
        #expect(out.contains("<name>Editors</name>"))
        #expect(out.contains(#"href="https://example.org/lwkd/2026/20260820""#))
    }

    @Test func frontMatterAuthorsAreEntryAuthors() throws {
        let document = try AtomTest.read(
            "---\ntitle: T\nauthor: [Josh Berkus, Noah Kantrowitz]\n---\n\nText of the body.\n",
            fileName: "2022-01-09-update.md")
        let out = try AtomTest.feed([document])
        #expect(
            AtomTest.values(of: "name", in: out) == [
                "LWKD contributors", "Josh Berkus", "Noah Kantrowitz",
            ])
    }

    @Test func slugIsPercentEncodedAsAbsoluteURLDoes() throws {
        let document = try AtomTest.read(
            "---\ntitle: T\nslug: café update\n---\n\nText.\n", fileName: "2022-01-09-x.md")
        #expect(
            AtomTest.entryIDs(in: try AtomTest.feed([document])) == [
                "https://lwkd.info/2022/caf%C3%A9%20update"
            ])
    }
}
