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
    static func weekEnding(in title: Substring) -> PostDate? { PostDate.weekEnding(in: title) }

    /// A line that is only a date: `February 9, 2022`, `Feb 9th, 2022` or `2022-02-09`,
    /// optionally after `Published` or `Date:`.
    static func dateLine(_ line: Substring) -> PostDate? {
        var text = line
        for lead in ["Published:", "Published", "Date:", "Posted"] where text.hasPrefix(lead) {
            text = text.dropFirst(lead.count).drop { $0 == " " }
        }
        if let iso = PostDate(parsing: String(text)), text.count <= 25 { return iso }
        return PostDate.monthDayYear(text, allowTrailing: false)
    }
}
