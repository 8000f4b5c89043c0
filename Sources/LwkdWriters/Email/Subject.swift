import Foundation
import LwkdModel

/// The newsletter's subject convention, `LWKD: Week Ending <Month> <D>, <YYYY>`, and the
/// week-ending date it names.
enum Subject {
    /// The default subject line for a post.
    static func `default`(for document: Document, site: Site) -> String {
        let title = document.meta.title?.trimmed ?? ""
        if title.lowercased().hasPrefix("lwkd:") { return title }
        if title.lowercased().hasPrefix("week ending") { return "LWKD: " + title }
        if let found = weekEnding(in: document) { return "LWKD: " + found.text }
        if let slug = document.meta.slug, let date = FileName.datePrefix(of: slug) {
            return "LWKD: Week Ending \(date.monthName) \(date.day), \(date.year)"
        }
        return "LWKD: " + (title.isEmpty ? site.name : title)
    }

    /// `Week Ending February 6, 2022` when the post's first lines name the week (plain-text
    /// posts copied from the page have no front matter), else nil.
    static func weekEndingTitle(of document: Document) -> String? {
        weekEnding(in: document)?.text
    }

    /// The week named by the title or the first block, with its date.
    static func weekEnding(in document: Document) -> (text: String, date: PostDate)? {
        var candidates: [String] = []
        if let title = document.meta.title { candidates.append(title) }
        if let first = document.blocks.first { candidates.append(first.inlines.plainText) }
        for text in candidates {
            if let found = parseWeekEnding(text) { return found }
        }
        return nil
    }

    private static func parseWeekEnding(_ text: String) -> (text: String, date: PostDate)? {
        guard let range = text.range(of: "Week Ending ", options: .caseInsensitive) else {
            return nil
        }
        let words = text[range.upperBound...].split(
            maxSplits: 3, whereSeparator: { $0 == " " || $0 == "\n" }
        ).prefix(3)
        guard words.count == 3 else { return nil }
        let parts = words.map { $0.trimmingCharacters(in: ",.") }
        guard
            let month = PostDate.monthNames.firstIndex(where: {
                $0.lowercased() == parts[0].lowercased()
            }),
            let day = Int(parts[1]), let year = Int(parts[2].prefix(4)), parts[2].count >= 4,
            (1...31).contains(day)
        else { return nil }
        let date = PostDate(year: year, month: month + 1, day: day)
        return ("Week Ending \(PostDate.monthNames[month]) \(day), \(year)", date)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = self
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
