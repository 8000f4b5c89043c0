import LwkdModel

extension DateStyle {
    /// The style as readers say a day of the current year: no year and no zero padding,
    /// `August 2` for the newsletter's `MMMM d, yyyy` (`d MMMM` for `dd MMMM yyyy`).
    var spoken: DateStyle {
        var tokens: [String] = []
        var rest = Substring(pattern)
        outer: while let first = rest.first {
            for token in ["MMMM", "MMM", "MM", "M", "dd", "d", "yyyy"] where rest.hasPrefix(token) {
                tokens.append(token == "dd" ? "d" : token == "MM" ? "M" : token)
                rest = rest.dropFirst(token.count)
                continue outer
            }
            tokens.append(String(first))
            rest = rest.dropFirst()
        }
        guard let year = tokens.firstIndex(of: "yyyy") else {
            return DateStyle(pattern: tokens.joined())
        }
        // The separators between the year and its neighbour go with it.
        let isField = { (t: String) in t.count > 1 || t == "M" || t == "d" }
        var start = year
        var end = year + 1
        if year > 0, !isField(tokens[year - 1]) {
            while start > 0, !isField(tokens[start - 1]) { start -= 1 }
        } else {
            while end < tokens.count, !isField(tokens[end]) { end += 1 }
        }
        tokens.removeSubrange(start..<end)
        return DateStyle(pattern: tokens.joined())
    }
}
