import LwkdModel
import Testing

@Suite struct PostDateWeekEndingTests {
    @Test(arguments: [
        ("Week Ending February 23, 2020", PostDate(year: 2020, month: 2, day: 23)),
        ("LWKD: Week Ending February 6, 2022", PostDate(year: 2022, month: 2, day: 6)),
        ("week ending july 4, 2021 (short issue)", PostDate(year: 2021, month: 7, day: 4)),
    ])
    func findsTheDate(_ title: String, _ date: PostDate) {
        #expect(PostDate.weekEnding(in: title) == date)
    }

    @Test(arguments: ["Week Ending Month DD, YYYY", "Week Ending February 30, 2022", "Developer News", ""])
    func rejectsNonDates(_ title: String) {
        #expect(PostDate.weekEnding(in: title) == nil)
    }

    /// Jekyll writes `-0000`; all of these are the same instant.
    @Test(arguments: ["2020-02-24 22:00:00 -0000", "2020-02-24T22:00:00Z", "2020-02-24 23:00:00 +01:00", "2020-02-24 23:00:00 +0100"])
    func parsesZoneOffsets(_ text: String) throws {
        #expect(try #require(PostDate(parsing: text)).rfc3339 == "2020-02-24T22:00:00Z")
    }
}
