import Foundation
import LwkdModel
import LwkdTestSupport
import LwkdWriters
import Testing

@Suite struct EPUBDigestTests {
    func digest() throws -> Digest {
        // Given out of order: the digest sorts by date.
        Digest(
            year: 2026,
            posts: [
                try EPUBSamples.read(EPUBSamples.post, name: "2026-08-02-update.md").post(),
                try EPUBSamples.read(EPUBSamples.previous, name: "2026-07-26-update.md").post(),
            ])
    }

    func book() throws -> EPUBFile {
        try EPUBFile(try EPUBWriter().writeDigest(try digest(), in: EPUBSamples.context()).bytes)
    }

    @Test func onePostPerChapterInDateOrder() throws {
        let epub = try book()
        #expect(epub.text("EPUB/chapter-001.xhtml").contains(">Week Ending July 26, 2026</h1>"))
        #expect(epub.text("EPUB/chapter-002.xhtml").contains(">Week Ending August 2, 2026</h1>"))
        let title = epub.text("EPUB/titlepage.xhtml")
        #expect(title.contains("2 issues, July 27 – August 3, 2026"))
        #expect(epub.xmlProblems.isEmpty, "\(epub.xmlProblems)")
    }

    @Test func contentsHasTwoLevelsAndUniqueIDs() throws {
        let nav = try book().text("EPUB/nav.xhtml")
        #expect(
            nav.contains("<li><a href=\"chapter-001.xhtml#developer-news\">Developer News</a></li>")
        )
        #expect(
            nav.contains(
                "<li><a href=\"chapter-002.xhtml#developer-news-1\">Developer News</a></li>"))
        let epub = try book()
        var ids: [String] = []
        for path in epub.paths where path.hasSuffix(".xhtml") && path.contains("chapter") {
            let text = epub.text(path)
            var rest = Substring(text)
            while let range = rest.range(of: " id=\"") {
                rest = rest[range.upperBound...]
                ids.append(String(rest.prefix { $0 != "\"" }))
            }
        }
        #expect(ids.count == Set(ids).count, "duplicate ids: \(ids)")
    }

    @Test func linksBetweenPostsPointInsideTheBook() throws {
        let chapter = try book().text("EPUB/chapter-002.xhtml")
        #expect(chapter.contains("<a href=\"chapter-001.xhtml#developer-news\">previous issue</a>"))
        #expect(chapter.contains("<a href=\"#release-schedule-1\">release</a>"))
    }

    @Test func sameDigestTwiceGivesIdenticalBytes() throws {
        let first = try EPUBWriter().writeDigest(try digest(), in: EPUBSamples.context())
        let second = try EPUBWriter().writeDigest(try digest(), in: EPUBSamples.context())
        #expect(first == second)
    }

    @Test func combinedDocumentHasPostsAsTopLevelSections() throws {
        let document = try digest().post(in: EPUBSamples.context()).document
        let headings = document.blocks.compactMap { block -> String? in
            guard case .heading(1, _, let attr, let content) = block else { return nil }
            return attr.identifier + ":" + content.plainText
        }
        #expect(
            headings == [
                "week-ending-july-26-2026:Week Ending July 26, 2026",
                "week-ending-august-2-2026:Week Ending August 2, 2026",
            ])
        // A link to a section of another post points to that section (the first post's
        // "Developer News" keeps its id), as it does in the EPUB.
        #expect(document.urls.contains("#developer-news"))
        #expect(!document.urls.contains("https://lwkd.info/2026/20260727#developer-news"))
        #expect(
            try digest().post(in: EPUBSamples.context(), linksWithinDocument: false).document.urls
                .contains(
                    "https://lwkd.info/2026/20260727#developer-news"))
    }

    @Test func goldenMembers() throws {
        let url = WriterGoldens.fixtures.appendingPathComponent("epub-digest/digest-2026.txt")
        if let failure = Golden.check(try book().listing, against: url) {
            Issue.record(Comment(rawValue: failure))
        }
    }

    @Test(
        .enabled(
            if: EPUBCheck.isInstalled, "epubcheck is not installed (apt-get install epubcheck)"))
    func epubCheckPassesTheDigest() throws {
        #expect(try EPUBCheck.problems(in: try book().bytes, name: "digest") == [])
    }
}
