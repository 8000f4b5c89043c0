extension PostDate {
    /// The date in a newsletter title such as `LWKD: Week Ending February 6, 2022`, at 00:00 UTC.
    ///
    /// Every edition is titled "Week Ending <Month> <day>, <year>" (the site's `template.md`),
    /// and its slug is that date plus `-update`. This is the last resort for a post that has
    /// neither a `date:` nor a dated file name, such as text copied from a rendered page.
    public static func weekEnding(in title: String) -> PostDate? {
        let words = title.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count >= 5 else { return nil }
        for i in 0...(words.count - 5)
        where words[i].lowercased() == "week" && words[i + 1].lowercased() == "ending" {
            guard
                let month = monthNames.firstIndex(where: {
                    $0.lowercased() == words[i + 2].lowercased()
                }),
                let day = Int(words[i + 3].trimmingSuffix(",")), let year = Int(words[i + 4]),
                (1000...9999).contains(year),
                (1...daysIn(month: month + 1, year: year)).contains(day)
            else { continue }
            return PostDate(year: year, month: month + 1, day: day)
        }
        return nil
    }
}

private extension Substring {
    func trimmingSuffix(_ suffix: String) -> Substring {
        hasSuffix(suffix) ? dropLast(suffix.count) : self
    }
}
