import LwkdModel

/// When a post is published, and whether Jekyll will publish it at all.
enum DateRules {
    static func run(_ post: CheckedPost, now: PostDate, into found: inout Findings) {
        let facts = post.facts
        let meta = post.post.document.meta
        let stem = facts.fileName.map(FileName.stem)
        let fileDay = stem.flatMap(FileName.datePrefix(of:))
        let dateValue = post.valueSpan(of: "date")
        let dateRange = dateValue.map { post.range(bytes: $0.lowerBound, $0.upperBound) }
            ?? SourceRange(line: post.post.sourceMap.headerLine, column: 1)

        // Unreadable: Jekyll then takes the file name's day without a word.
        if let value = meta["date"] {
            let text = Text.collapsed(value.plainText ?? "")
            if text.isEmpty || (PostDate(parsing: text) == nil
                && PostDate(parsingAsJekyll: text) == nil)
            {
                let fallback = fileDay.map { "the file name's \($0.isoDay)" } ?? "no date at all"
                found.add(
                    Rules.dateUnreadable, dateRange,
                    "date '\(text)' is not a date Jekyll can read, so the post gets \(fallback); "
                        + "write it as YYYY-MM-DD HH:MM:SS -0000")
                return
            }
            if PostDate(parsing: text) == nil, let rolled = PostDate(parsingAsJekyll: text) {
                found.add(
                    Rules.dateNotInCalendar, dateRange,
                    "date '\(text)' is not a calendar date; Jekyll publishes it as "
                        + "\(rolled.isoDay), so the permalink says that day; write the day meant")
            }
        }
        guard let date = facts.date else { return }
        let shown = facts.dateText ?? date.isoDay

        if date.unixTime > now.unixTime {
            let stamp = PostDate(unixTime: now.unixTime, offsetMinutes: date.offsetMinutes)
            var fix: Fix?
            if let span = dateValue {
                fix = Fix(
                    start: span.lowerBound, end: span.upperBound,
                    replacement: stamp.frontMatterText,
                    summary: "set the date back to now, \(stamp.frontMatterText)")
            }
            found.add(
                Rules.dateInFuture, dateRange,
                "date \(shown) is in the future (now is \(now.rfc3339)): GitHub Pages will not "
                    + "publish the post until then; set it to the publication time", fix: fix)
        }

        let titleWeek = (meta["title"]?.plainText).flatMap { PostDate.weekEnding(in: $0) }
        let titleRange = post.valueSpan(of: "title").map {
            post.range(bytes: $0.lowerBound, $0.upperBound)
        } ?? SourceRange(line: post.post.sourceMap.headerLine, column: 1)
        let week = titleWeek ?? fileDay

        var yearIsWrong = false
        if let fileDay, date.year != fileDay.year, let week {
            let gap = date.localDayNumber - week.localDayNumber
            if !(0...9).contains(gap) {
                yearIsWrong = true
                found.add(
                    Rules.dateYear, dateRange,
                    "date \(shown) is in \(date.year), but the file name says \(fileDay.year); "
                        + "fix the year")
            }
        }
        if let week, !yearIsWrong {
            let gap = date.localDayNumber - week.localDayNumber
            let what = titleWeek != nil ? "the title's week ending" : "the file name's day"
            if gap < 0 {
                found.add(
                    Rules.dateBeforeWeek, dateRange,
                    "date \(shown) is before the week it reports ends (\(what) \(week.isoDay)); "
                        + "a post is dated when it is published")
            } else if gap > 9 {
                found.add(
                    Rules.dateLongAfterWeek, dateRange,
                    "date \(shown) is \(gap) days after the week it reports (\(what) "
                        + "\(week.isoDay)); check the month and day")
            }
        }

        if let slugSpan = post.valueSpan(of: "slug"), let stem {
            let slug = String(decoding: post.bytes[slugSpan], as: UTF8.self)
            let bare = fileDay != nil ? String(stem.dropFirst(11)) : stem
            if slug != stem, slug != bare {
                found.add(
                    Rules.slugMismatch, post.range(bytes: slugSpan.lowerBound, slugSpan.upperBound),
                    "slug '\(slug)' differs from the file name '\(stem)'; the permalink and the "
                        + "feed id follow the slug")
            }
        }

        if let titleWeek, let fileDay, titleWeek.localDayNumber != fileDay.localDayNumber {
            found.add(
                Rules.weekEndingMismatch, titleRange,
                "the title's week ending \(titleWeek.isoDay) is not the file name's day "
                    + "\(fileDay.isoDay); fix one of them")
        }
        if let week, week.localWeekday != 0 {
            let weekday = PostDate.weekdayNames[week.localWeekday]
            found.add(
                Rules.weekEndingNotSunday, titleWeek != nil ? titleRange : dateRange,
                "the week ending \(week.isoDay) is a \(weekday), not a Sunday")
        }
    }
}
