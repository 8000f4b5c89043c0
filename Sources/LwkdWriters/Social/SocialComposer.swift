/// Puts an announcement together so that it fits: facts shortened at word boundaries, then
/// the least important facts dropped until the text is within the platform's limits.
///
/// Should even the headline, link and hashtags alone not fit (a huge `--hashtags`), the
/// hashtags go from the end, then a title headline is shortened, then (Bluesky, whose link
/// facet keeps the full URL) the link's text; the result always fits.
struct SocialComposer {
    /// A fact longer than this many characters is shortened at a word boundary.
    static let factLimit = 60
    /// A title headline (a post with no week) longer than this is shortened the same way.
    static let headlineLimit = 100

    /// "Week ending August 2", or the title of a post with no week.
    var headline: String
    /// The facts, most important first.
    var facts: [String]
    /// The post's URL.
    var link: String
    /// Hashtags without `#`.
    var tags: [String]

    /// The announcement for `platform`.
    func announcement(for platform: SocialPlatform) -> SocialAnnouncement {
        let headline = Self.shortened(headline, to: Self.headlineLimit)
        let capped = facts.map { Self.shortened($0, to: Self.factLimit) }
        for count in stride(from: capped.count, through: 1, by: -1) {
            let candidate = build(platform, headline, Array(capped.prefix(count)), link, tags)
            if platform.fits(candidate.text) { return candidate }
        }
        if let first = facts.first {
            for short in Self.wordPrefixes(of: first) {
                let candidate = build(platform, headline, [short], link, tags)
                if platform.fits(candidate.text) { return candidate }
            }
        }
        for count in stride(from: tags.count, through: 0, by: -1) {
            let candidate = build(platform, headline, [], link, Array(tags.prefix(count)))
            if platform.fits(candidate.text) { return candidate }
        }
        let linkTexts = platform == .bluesky ? [link, Self.shortLink(link)] : [link]
        for linkText in linkTexts {
            for title in [headline] + Self.wordPrefixes(of: headline) {
                let candidate = build(platform, title, [], linkText, [])
                if platform.fits(candidate.text) { return candidate }
            }
        }
        var title = headline
        while !title.isEmpty {
            title.removeLast()
            let candidate = build(platform, title, [], linkTexts.last ?? link, [])
            if platform.fits(candidate.text) { return candidate }
        }
        return build(platform, "", [], "", [])
    }

    /// The text with the facet ranges: headline and facts, link, hashtags, blank lines
    /// between.
    private func build(
        _ platform: SocialPlatform, _ headline: String, _ facts: [String], _ linkText: String,
        _ tags: [String]
    ) -> SocialAnnouncement {
        var text = headline
        if !facts.isEmpty { text += ": " + facts.joined(separator: ", ") }
        var linkBytes = text.utf8.count..<text.utf8.count
        if !linkText.isEmpty {
            if !text.isEmpty { text += "\n\n" }
            let start = text.utf8.count
            text += linkText
            linkBytes = start..<text.utf8.count
        }
        var found: [SocialAnnouncement.Tag] = []
        for (index, tag) in tags.enumerated() {
            text += index == 0 ? (text.isEmpty ? "" : "\n\n") : " "
            let start = text.utf8.count
            text += "#" + tag
            found.append(.init(name: tag, bytes: start..<text.utf8.count))
        }
        return SocialAnnouncement(
            platform: platform, text: text, facts: facts, link: link, linkBytes: linkBytes,
            tags: found)
    }

    /// `text` cut at the last word boundary within `limit` characters, ending with "…".
    ///
    /// A text with no space there is kept whole. A cut that leaves a parenthesis open or ends
    /// on a word such as "to" or "and" gives way to a shorter one when there is one.
    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let fitting = wordPrefixes(of: text).filter { $0.count <= limit }
        return fitting.first(where: isCleanCut) ?? fitting.first ?? text
    }

    private static func isCleanCut(_ prefix: String) -> Bool {
        let head = prefix.dropLast()
        let lastWord = head.split(separator: " ").last.map { $0.lowercased() } ?? ""
        return head.filter { $0 == "(" }.count <= head.filter { $0 == ")" }.count
            && !dangling.contains(lastWord)
    }

    /// Words a shortened fact should not end on.
    private static let dangling: Set = [
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "of", "on", "or",
        "the", "to", "who", "with",
    ]

    /// Every shortening of `text` at a word boundary, longest first, each ending with "…".
    static func wordPrefixes(of text: String) -> [String] {
        var prefixes: [String] = []
        var index = text.endIndex
        while let space = text[..<index].lastIndex(of: " ") {
            index = space
            var head = text[..<space]
            while let last = head.last, ",;:-–— ".contains(last) { head.removeLast() }
            if !head.isEmpty { prefixes.append(String(head) + "…") }
        }
        return prefixes
    }

    /// The link as Bluesky's app shows a long one: no scheme, cut after 25 characters.
    static func shortLink(_ link: String) -> String {
        var rest = Substring(link)
        for scheme in ["https://", "http://"] where rest.hasPrefix(scheme) {
            rest = rest.dropFirst(scheme.count)
        }
        return rest.count > 25 ? String(rest.prefix(25)) + "…" : String(rest)
    }
}
