import LwkdModel
import Testing

@Suite struct PostDateJekyllTests {
    @Test(arguments: [
        ("Week Ending February 23, 2020", PostDate(year: 2020, month: 2, day: 23)),
        ("LWKD: Week Ending February 6, 2022", PostDate(year: 2022, month: 2, day: 6)),
        ("week ending july 4, 2021 (short issue)", PostDate(year: 2021, month: 7, day: 4)),
    ])
    func findsTheDate(_ title: String, _ date: PostDate) {
        #expect(PostDate.weekEnding(in: title) == date)
    }

    @Test(arguments: [
        "Week Ending Month DD, YYYY", "Week Ending February 30, 2022", "Developer News", "",
    ])
    func rejectsNonDates(_ title: String) {
        #expect(PostDate.weekEnding(in: title) == nil)
    }

    /// Jekyll writes `-0000`; all of these are the same instant.
    @Test(arguments: [
        "2020-02-24 22:00:00 -0000", "2020-02-24T22:00:00Z", "2020-02-24 23:00:00 +01:00",
        "2020-02-24 23:00:00 +0100",
    ])
    func parsesZoneOffsets(_ text: String) throws {
        #expect(try #require(PostDate(parsing: text)).rfc3339 == "2020-02-24T22:00:00Z")
    }

    /// Ruby's `Time.parse`, which Jekyll uses, rolls days 29–31 over into the next month.
    @Test(arguments: [
        ("2022-02-29 07:10:00 -0000", "2022-03-01T07:10:00Z"),
        ("2021-04-31", "2021-05-01T00:00:00Z"),
        ("2020-02-30 23:30:00 -0100", "2020-03-02T00:30:00Z"),
        ("2020-02-29 10:00:00 -0000", "2020-02-29T10:00:00Z"),
    ])
    func jekyllRollsOverMonthEnds(_ text: String, _ expected: String) throws {
        #expect(try #require(PostDate(parsingAsJekyll: text)).rfc3339 == expected)
        #expect(
            PostFacts.quiet(
                Document(meta: Meta(entries: [MetaEntry(key: "date", value: .date(text: text))]), blocks: []),
                site: .lwkd
            ).date?.rfc3339 == expected)
    }

    @Test(arguments: ["2022-02-32", "2022-13-01", "2022-02-29 25:00", "soon"])
    func jekyllStillRejectsNonDates(_ text: String) {
        #expect(PostDate(parsingAsJekyll: text) == nil)
    }
}
