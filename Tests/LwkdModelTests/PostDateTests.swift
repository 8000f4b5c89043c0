import LwkdModel
import Testing

/// Jekyll dates, UTC conversion and the site's URL rules.
@Suite struct PostDateTests {
    @Test func parsesJekyllDates() throws {
        let date = try #require(PostDate(parsing: "2020-02-24 22:00:00 -0000"))
        #expect(date == PostDate(year: 2020, month: 2, day: 24, hour: 22))
        #expect(date.rfc3339 == "2020-02-24T22:00:00Z")
        #expect(PostDate(parsing: "2018-01-14")?.isoDay == "2018-01-14")
        #expect(PostDate(parsing: "2020-02-24T22:00:00Z")?.hour == 22)
    }

    @Test func offsetsConvertToUTC() throws {
        let date = try #require(PostDate(parsing: "2026-08-06 22:00:00 -0800"))
        #expect(date.utc.isoDay == "2026-08-07")
        #expect(date.rfc3339 == "2026-08-07T06:00:00Z")
        #expect(PostDate(parsing: "2026-01-01 00:30:00 +0100")?.rfc3339 == "2025-12-31T23:30:00Z")
    }

    @Test func rejectsImpossibleDates() {
        #expect(PostDate(parsing: "2021-02-29") == nil)
        #expect(PostDate(parsing: "2020-13-01") == nil)
        #expect(PostDate(parsing: "2020-01-01 25:00") == nil)
        #expect(PostDate(parsing: "yesterday") == nil)
        #expect(PostDate(parsing: "2020-02-29")?.day == 29)
    }

    @Test func weekdayIsRight() {
        #expect(PostDate(year: 2026, month: 11, day: 21).weekday == 6)  // a Saturday
        #expect(PostDate(year: 1970, month: 1, day: 1).weekday == 4)
    }

    @Test func permalinkAndEntryIDFollowTheSite() {
        var meta = Meta(
            entries: [
                MetaEntry(key: "date", value: .date(text: "2026-08-20 22:00:00 -0000")),
                MetaEntry(key: "slug", value: .string(value: "2026-08-16-update")),
            ], fileName: "2026-08-20-update.md")
        func facts() -> PostFacts { PostFacts.quiet(Document(meta: meta, blocks: []), site: .lwkd) }
        #expect(facts().permalink == "https://lwkd.info/2026/20260820")
        #expect(facts().id == "https://lwkd.info/2026/2026-08-16-update")
        meta["date"] = .date(text: "2026-08-06 22:00:00 -0000")
        #expect(facts().permalink == "https://lwkd.info/2026/20260806")
    }

    @Test func absoluteURLs() {
        #expect(Site.lwkd.absolute("/2018/images/x.png") == "https://lwkd.info/2018/images/x.png")
        #expect(Site.lwkd.absolute("https://k8s.io") == "https://k8s.io")
        #expect(Site.lwkd.absolute("mailto:a@b.c") == "mailto:a@b.c")
        #expect(Site(baseURL: "https://x.org/", name: "x").absolute("a/b") == "https://x.org/a/b")
    }
}
