/// What the reader knows about the newsletter's headings, and the general cues that tell a
/// heading from a paragraph when the text has no markup.
enum HeadingCues {
    /// Section names the newsletter has used (its `template.md` and past posts), lowercased.
    static let sections: Set<String> = [
        "developer news", "release schedule", "featured prs", "featured pr", "featured kep",
        "featured keps", "kep of the week", "other merges", "merges", "promotions", "promoted",
        "deprecated", "deprecations", "deprecations and removals", "version updates",
        "subprojects and dependency updates", "shoutouts", "community meeting summary",
        "community meeting", "meeting summary", "feature work", "graph of the week",
        "reversions", "removals", "removed", "now beta", "contributor tip of the week",
        "developer tip of the week", "diagram of the week", "picture of the week",
        "steering committee summary", "testing changes", "release slip", "related projects",
        "patch release merges", "other repositories", "other projects", "organizational changes",
        "kubeadm changes", "kubeadm", "feedback", "featured merges", "feature promotions",
        "documentation updates", "deprecations and reversions", "deprecations and breakage",
        "deprecated / compatibility", "deferred features", "contributor summit summary",
        "component upgrades", "bug fixes and other merges", "bug fixes", "merges & features",
        "rollbacks", "security fixes", "kubevirt meeting summary",
    ]

    /// Sub-section names of the template, lowercased.
    static let subsections: Set<String> = ["election update", "contributor blog"]

    /// Words that Title Case leaves in lower case.
    private static let minorWords: Set<String> = [
        "a", "an", "the", "of", "for", "and", "or", "to", "in", "on", "with", "by", "at", "from",
        "vs", "vs.", "is", "are", "as", "into", "via", "&", "/", "-", "–",
    ]

    /// The lowercased name with trailing `:` or `.` dropped and spaces collapsed.
    static func key(_ text: Substring) -> String {
        var words = text.split(separator: " ").joined(separator: " ").lowercased()
        while let last = words.last, last == ":" || last == "." { words.removeLast() }
        return words
    }

    /// True when the section is one whose sub-headings are titles of PRs, KEPs or issues.
    static func isFeatureSection(_ name: String) -> Bool {
        name.contains("featured") || name.contains("kep") || name.contains("feature work")
            || name.hasSuffix("of the week") || name.contains("features")
    }

    /// A PR, issue or KEP title: `#1234:` or `1234:` near the start, `KEP-1234`, or `#1234` at
    /// the end (`enhancements#3137: KEP-3136: …`, `Migrate Ginkgo from v1 to v2 #109111`).
    static func hasItemNumber(_ text: Substring) -> Bool {
        if text.contains("KEP-") || text.contains("KEP ") { return true }
        let words = text.split(separator: " ")
        if let last = words.last, last.hasPrefix("#"), last.dropFirst().allSatisfy(\.isNumber),
            last.count > 1
        {
            return true
        }
        return startsWithItemNumber(text)
    }

    /// `#1234:`, `repo#1234:` or `1234:` as the first or second word (`Community #2620: …`).
    static func startsWithItemNumber(_ text: Substring) -> Bool {
        for word in text.split(separator: " ").prefix(2) where word.hasSuffix(":") {
            let body = word.dropLast()
            let number =
                body.hasPrefix("#") ? body.dropFirst() : (body.split(separator: "#").last ?? body)
            if !number.isEmpty, number.allSatisfy(\.isNumber) { return true }
        }
        return false
    }

    /// True when the line ends like a sentence or clause (`.`, `!`, `?`, `,`, `;`, `:`), looking
    /// through closing quotes and brackets.
    static func endsWithPunctuation(_ text: Substring) -> Bool {
        var rest = text
        while let last = rest.last, ")]\"'”’*_".contains(last) { rest.removeLast() }
        guard let last = rest.last else { return false }
        return ".!?,;:".contains(last)
    }

    /// A `Label: value` lead line such as `Next Deadline: Code Freeze` (a bold lead in the
    /// post, not a heading).
    static func isLeadLine(_ text: Substring) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let label = text[..<colon]
        let after = text[text.index(after: colon)...]
        return !label.isEmpty && label.split(separator: " ").count <= 4 && !label.contains("#")
            && (after.isEmpty || after.first == " ")
    }

    /// Title Case: most words that are not minor words start with an upper-case letter or a
    /// digit, and the line is short.
    static func isTitleCase(_ text: Substring) -> Bool {
        let words = text.split(separator: " ")
        guard !words.isEmpty, words.count <= 9 else { return false }
        guard let first = words[0].first(where: { $0.isLetter || $0.isNumber }),
            first.isUppercase || first.isNumber
        else { return false }
        var major = 0
        var capitalised = 0
        for word in words where !minorWords.contains(word.lowercased()) {
            major += 1
            if let c = word.first(where: { $0.isLetter || $0.isNumber }),
                c.isUppercase || c.isNumber
            {
                capitalised += 1
            }
        }
        return major > 0 && capitalised * 4 >= major * 3
    }

    /// ALL CAPS: at least two letters and no lower-case ones.
    static func isAllCaps(_ text: Substring) -> Bool {
        text.filter(\.isLetter).count >= 2 && !text.contains(where: \.isLowercase)
    }

    /// Words that leave a sentence unfinished when they end a line.
    static let joiningWords: Set<String> = [
        "a", "an", "the", "of", "for", "and", "or", "to", "in", "on", "with", "by", "at", "from",
        "that", "is", "are", "be", "as", "was", "were", "which", "this", "these", "its", "their",
        "your", "our", "will", "can", "has", "have", "but", "if", "when", "than", "into", "not",
    ]
}
