import Foundation
import LwkdModel
import LwkdWriters
import LwkdXML
import Testing

/// Entry ids must be exactly jekyll-feed's, or every subscriber sees the archive again.
@Suite struct AtomEntryIDTests {
    /// Real posts' file names and front matter (Fixtures/atom-ids), with their site ids.
    ///
    /// Each comes with the permalink the site gives it. Two have a `slug:` that differs from their file name; one has no
    /// `date:` (Jekyll takes the file name's).
    static let pinned: [(file: String, id: String, link: String)] = [
        (
            "2018-01-14-update.md", "https://lwkd.info/2018/2018-01-14-update",
            "https://lwkd.info/2018/20180114"
        ),
        (
            "2018-07-02-update.md", "https://lwkd.info/2018/2018-07-01-update",
            "https://lwkd.info/2018/20180703"
        ),
        (
            "2018-12-23-update.md", "https://lwkd.info/2018/2018-12-23-update",
            "https://lwkd.info/2018/20181225"
        ),
        (
            "2020-02-23-update.md", "https://lwkd.info/2020/2020-02-23-update",
            "https://lwkd.info/2020/20200226"
        ),
        (
            "2022-08-15-update.md", "https://lwkd.info/2022/2022-08-14-update",
            "https://lwkd.info/2022/20220817"
        ),
        (
            "2022-12-11-update.md", "https://lwkd.info/2022/2022-12-11-update",
            "https://lwkd.info/2022/20221213"
        ),
    ]

    @Test(arguments: pinned)
    func realPostHasTheSiteFeedID(_ expected: (file: String, id: String, link: String)) throws {
        let url = AtomTest.fixtures.appendingPathComponent("atom-ids/\(expected.file)")
        let out = try AtomTest.feed([try AtomTest.read(file: url)])
        #expect(AtomTest.entryIDs(in: out) == [expected.id])
        #expect(AtomTest.entryLinks(in: out) == [expected.link])
    }

    /// The issue's example: the id's directory is the permalink's (the year of the date), and
    /// its last part is the slug, not the date.
    @Test func issueExample() throws {
        let document = try AtomTest.read(
            "---\ntitle: T\ndate: 2026-08-20 22:00:00 -0000\nslug: 2026-08-16-update\n---\n\nText.\n"
        )
        let out = try AtomTest.feed([document])
        #expect(AtomTest.entryIDs(in: out) == ["https://lwkd.info/2026/2026-08-16-update"])
        #expect(AtomTest.entryLinks(in: out) == ["https://lwkd.info/2026/20260820"])
    }

    /// Dates are read in UTC: 23:30 at -0100 on New Year's Eve is already next year.
    @Test func dateIsInterpretedInUTC() throws {
        let document = try AtomTest.read(
            "---\ntitle: T\ndate: 2018-12-31 23:30:00 -0100\nslug: 2018-12-30-update\n---\n\nText.\n"
        )
        let out = try AtomTest.feed([document])
        #expect(AtomTest.entryIDs(in: out) == ["https://lwkd.info/2019/2018-12-30-update"])
        #expect(AtomTest.entryLinks(in: out) == ["https://lwkd.info/2019/20190101"])
    }

    /// Without `slug:`, Jekyll's slug is the file name without its date and extension.
    @Test func slugDefaultsToFileNameWithoutDate() throws {
        let document = try AtomTest.read(
            "---\ntitle: T\n---\n\nText.\n", fileName: "2020-05-03-update.md")
        #expect(
            AtomTest.entryIDs(in: try AtomTest.feed([document])) == [
                "https://lwkd.info/2020/update"
            ])
    }

    /// Every post of ../shared/corpus: the id and permalink rules, recomputed here from the raw
    /// front matter, unique ids, and a well-formed feed.
    @Test(
        .enabled(
            if: AtomTest.corpusPosts != nil, "../shared/corpus is absent: corpus id test skipped"))
    func everyCorpusPostFollowsTheRules() throws {
        let folder = try #require(AtomTest.corpusPosts)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".md")
        }.sorted()
        #expect(names.count >= 100)
        var documents: [Document] = []
        var expectedIDs: Set<String> = []
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let document = try AtomTest.read(text, fileName: name)
            documents.append(document)
            let (id, link) = Self.expected(fileName: name, text: text)
            let out = try AtomTest.feed([document])
            #expect(AtomTest.entryIDs(in: out) == [id], "\(name)")
            #expect(AtomTest.entryLinks(in: out) == [link], "\(name)")
            expectedIDs.insert(id)
        }
        let feed = try AtomTest.feed(documents, limit: 0)
        #expect(XMLCheck.problems(in: feed).isEmpty)
        #expect(Set(AtomTest.entryIDs(in: feed)) == expectedIDs)
        #expect(AtomTest.entryIDs(in: feed).count == names.count)
        // Every URL in the content is absolute: feed-to-email tools ignore xml:base.
        #expect(AtomTest.relativeURLs(in: feed) == [])
    }

    /// The five seed posts: each gives a well-formed one-entry feed with its post's real id
    /// (001 is text copied from the site, dated by its "Week Ending" title).
    @Test(.enabled(if: AtomTest.corpusPosts != nil, "../shared is absent: seed test skipped"))
    func seedsHaveTheirPostsIDs() throws {
        let seeds = try #require(AtomTest.corpusPosts).deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("seeds")
        let expected = [
            "000_b8fc4e79d6d9976b.txt": "https://lwkd.info/2020/2020-02-23-update",
            "001_6c77598d14bca79d.txt": "https://lwkd.info/2022/2022-02-06-update",
            "002_1f097986ce760155.txt": "https://lwkd.info/2018/2018-07-22-update",
            "003_da5052319535917b.txt": "https://lwkd.info/2020/2020-05-10-update",
            "004_b4f714bbb977bfb0.txt": "https://lwkd.info/2021/2021-07-04-update",
        ]
        for (name, id) in expected {
            let document = try AtomTest.read(file: seeds.appendingPathComponent(name))
            let out = try AtomTest.feed([document])
            #expect(AtomTest.entryIDs(in: out) == [id], "\(name)")
            #expect(XMLCheck.problems(in: out).isEmpty, "\(name)")
        }
    }

    /// The rule, written out independently of the writer: slug from `slug:` else the file name
    /// minus date; date from `date:` (all corpus dates are at +0000), else the file name's.
    static func expected(fileName: String, text: String) -> (id: String, link: String) {
        let frontMatter = text.components(separatedBy: "\n---")[0]
        func field(_ key: String) -> String? {
            frontMatter.split(separator: "\n").first { $0.hasPrefix("\(key): ") }
                .map { String($0.dropFirst(key.count + 2)).trimmingCharacters(in: .whitespaces) }
        }
        let stem = String(fileName.dropLast(3))
        let slug = field("slug") ?? String(stem.dropFirst(11))
        var ymd = String(stem.prefix(10))
        if let date = field("date"), date.hasSuffix(" -0000") {
            // Ruby's Time rolls a day past the month's end over (2022-02-29 is March 1st).
            var parts = date.prefix(10).split(separator: "-").compactMap { Int($0) }
            let days = [31, parts[0] % 4 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            if parts[2] > days[parts[1] - 1] {
                (parts[1], parts[2]) = (parts[1] + 1, parts[2] - days[parts[1] - 1])
            }
            ymd = String(format: "%04d-%02d-%02d", parts[0], parts[1], parts[2])
        }
        let year = ymd.prefix(4)
        return (
            "https://lwkd.info/\(year)/\(slug)",
            "https://lwkd.info/\(year)/\(ymd.replacingOccurrences(of: "-", with: ""))"
        )
    }
}
