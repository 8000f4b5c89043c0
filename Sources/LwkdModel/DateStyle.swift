/// How dates are shown to readers: the newsletter's own "August 20, 2026" unless a theme says
/// otherwise.
///
/// A pattern holds `MMMM` (January), `MMM` (Jan), `MM` (01), `M` (1), `dd` (06), `d` (6) and
/// `yyyy` (2026); other characters stand for themselves.
public struct DateStyle: Hashable, Sendable {
    /// The pattern.
    public var pattern: String

    /// The newsletter's style: `August 20, 2026`.
    public static let newsletter = DateStyle(pattern: "MMMM d, yyyy")

    /// Creates a style from a pattern.
    public init(pattern: String) {
        self.pattern = pattern
    }

    /// The UTC day of `date` in this style.
    public func format(_ date: PostDate) -> String {
        let u = date.utc
        var out = ""
        var rest = Substring(pattern)
        let tokens: [(String, () -> String)] = [
            ("MMMM", { u.monthName }), ("MMM", { String(u.monthName.prefix(3)) }),
            ("MM", { pad(u.month) }), ("M", { String(u.month) }), ("dd", { pad(u.day) }),
            ("d", { String(u.day) }), ("yyyy", { pad(u.year, 4) }),
        ]
        outer: while let first = rest.first {
            for (token, value) in tokens where rest.hasPrefix(token) {
                out += value()
                rest = rest.dropFirst(token.count)
                continue outer
            }
            out.append(first)
            rest = rest.dropFirst()
        }
        return out
    }

    /// A range of days, `January 11 – December 13, 2022`, shortened as the style allows.
    public func formatRange(_ first: PostDate, _ last: PostDate) -> String {
        let (a, b) = (first.utc, last.utc)
        if a.isoDay == b.isoDay { return format(last) }
        guard self == .newsletter, a.year == b.year else {
            return "\(format(first)) – \(format(last))"
        }
        return "\(a.monthName) \(a.day) – \(format(last))"
    }
}
