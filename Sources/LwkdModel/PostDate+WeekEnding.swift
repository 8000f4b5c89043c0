extension PostDate {
    /// The date in a newsletter title such as `LWKD: Week Ending February 6, 2022`, at 00:00 UTC.
    ///
    /// Every edition is titled "Week Ending <Month> <day>, <year>" (the site's `template.md`),
    /// and its slug is that date plus `-update`. This is the last resort for a post that has
    /// neither a `date:` nor a dated file name, such as text copied from a rendered page.
    /// Ordinals (`July 8th`) and abbreviated months (`Feb`) are accepted.
    public static func weekEnding(in title: some StringProtocol) -> PostDate? {
        let text = Substring(title)
        guard
            let range = ["Week Ending ", "week ending ", "Week ending ", "WEEK ENDING "].lazy
                .compactMap({ text.firstRange(of: $0) }).first
        else { return nil }
        return monthDayYear(text[range.upperBound...], allowTrailing: true)
    }

    /// `<Month> <D>[st|nd|rd|th], <YYYY>`, month names in full or abbreviated; with
    /// `allowTrailing` more words may follow.
    public static func monthDayYear(_ text: Substring, allowTrailing: Bool) -> PostDate? {
        let words = text.split(separator: " ", maxSplits: 3)
        guard words.count >= 3, allowTrailing || words.count == 3 else { return nil }
        let monthWord = words[0].lowercased().filter(\.isLetter)
        guard monthWord.count >= 3,
            let month = monthNames.firstIndex(where: { $0.lowercased().hasPrefix(monthWord) })
        else { return nil }
        let dayDigits = words[1].prefix { $0.isNumber }
        let daySuffix = words[1].dropFirst(dayDigits.count).filter { $0 != "," }
        let yearDigits = words[2].prefix { $0.isNumber }
        guard ["", "st", "nd", "rd", "th"].contains(daySuffix), let day = Int(dayDigits),
            yearDigits.count == 4, let year = Int(yearDigits),
            allowTrailing || words[2].count == 4,
            day >= 1, day <= daysIn(month: month + 1, year: year)
        else { return nil }
        return PostDate(year: year, month: month + 1, day: day)
    }
}
