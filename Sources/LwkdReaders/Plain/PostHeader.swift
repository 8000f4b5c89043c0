import LwkdModel

/// The top of a plain-text post: its title line (`LWKD: Week Ending February 6, 2022`) and an
/// optional date line under it (`February 9, 2022`, as the plain writer puts it).
enum PostHeader {
    /// The title without the newsletter's name, if the line has one.
    static func strippingNewsletterName(_ line: Substring) -> (title: Substring, hadName: Bool) {
        for name in ["LWKD", "Last Week in Kubernetes Development"] where line.hasPrefix(name) {
            var rest = line.dropFirst(name.count).drop { $0 == " " }
            guard let c = rest.first, ":-–—|".contains(c) else { continue }
            rest = rest.dropFirst().drop { $0 == " " }
            if !rest.isEmpty { return (rest, true) }
        }
        return (line, false)
    }

    /// The date in `Week Ending <Month> <D>, <YYYY>` anywhere in a title.
    static func weekEnding(in title: Substring) -> PostDate? {
        guard
            let range = title.firstRange(of: "Week Ending ") ?? title.firstRange(of: "week ending ")
        else {
            return nil
        }
        return date(title[range.upperBound...], allowTrailing: true)
    }

    /// A line that is only a date: `February 9, 2022`, `Feb 9th, 2022` or `2022-02-09`,
    /// optionally after `Published` or `Date:`.
    static func dateLine(_ line: Substring) -> PostDate? {
        var text = line
        for lead in ["Published:", "Published", "Date:", "Posted"] where text.hasPrefix(lead) {
            text = text.dropFirst(lead.count).drop { $0 == " " }
        }
        if let iso = PostDate(parsing: String(text)), text.count <= 25 { return iso }
        return date(text, allowTrailing: false)
    }

    /// `<Month> <D>[st|nd|rd|th], <YYYY>`, month names in full or abbreviated.
    private static func date(_ text: Substring, allowTrailing: Bool) -> PostDate? {
        let words = text.split(separator: " ", maxSplits: 3)
        guard words.count >= 3, allowTrailing || words.count == 3 else { return nil }
        let monthWord = words[0].lowercased().filter(\.isLetter)
        guard monthWord.count >= 3,
            let month = PostDate.monthNames.firstIndex(where: {
                $0.lowercased().hasPrefix(monthWord)
            })
        else { return nil }
        let dayDigits = words[1].prefix { $0.isNumber }
        let daySuffix = words[1].dropFirst(dayDigits.count).filter { $0 != "," }
        let yearDigits = words[2].prefix { $0.isNumber }
        guard ["", "st", "nd", "rd", "th"].contains(daySuffix), let day = Int(dayDigits),
            yearDigits.count == 4, let year = Int(yearDigits),
            allowTrailing || words[2].count == 4,
            day >= 1, day <= PostDate.daysIn(month: month + 1, year: year)
        else { return nil }
        return PostDate(year: year, month: month + 1, day: day)
    }
}
