import LwkdModel

/// The week's highlights, most important first, as an announcement lists them.
///
/// First the Featured PR titles (also "Featured PR", "Featured Merges"), then the KEP of the
/// Week (or "Featured KEPs") titles, each without its `#12345:` or `KEP-4222:` prefix; then
/// the Developer News items: a sub-heading, or the first sentence of a paragraph or list item
/// that no sub-heading covers. A section is a heading of level 1 or 2; its items are the
/// headings below that level. A post with none of these (2018) gives its "Feature Work"
/// items instead, the Featured PRs' predecessor.
public enum SocialFacts {
    /// The highlights of `document`, most important first, duplicates left out.
    public static func highlights(in document: Document) -> [String] {
        var groups: [[String]] = [[], [], [], []]
        // A KEP of the Week written as prose (2018): the first sentence, when no sub-heading
        // names the KEP.
        var prose: [String?] = [nil, nil, nil, nil]
        var section: Section?
        var isUnderSubheading = false
        for block in document.blocks {
            if case .heading(let level, _, _, let content) = block {
                if level <= 2 {
                    section = Section(heading: text(of: content))
                    isUnderSubheading = false
                } else if let section {
                    isUnderSubheading = true
                    let text =
                        section == .featuredPRs || section == .kep
                        ? title(text(of: content)) : text(of: content)
                    groups[section.rawValue].append(text)
                }
                continue
            }
            guard let section, !isUnderSubheading else { continue }
            let sentences = firstSentences(of: [block])
            if section == .developerNews || section == .featureWork {
                groups[section.rawValue] += sentences
            } else if prose[section.rawValue] == nil {
                prose[section.rawValue] = sentences.first
            }
        }
        for (index, sentence) in prose.enumerated() where groups[index].isEmpty {
            if let sentence { groups[index] = [sentence] }
        }
        if groups.dropLast().contains(where: { !$0.isEmpty }) { groups.removeLast() }
        var seen: Set<String> = []
        return groups.joined().map(cleaned).filter {
            !$0.isEmpty && $0.contains(where: \.isLetter) && seen.insert($0.lowercased()).inserted
        }
    }

    /// `text` without a leading PR number or KEP id: `#131001: Add x` and `KEP-4222: Add x`
    /// are both `Add x`, as is `enhancements#3137: KEP-3136: Add x`.
    public static func title(_ text: String) -> String {
        var rest = Substring(text).drop(while: \.isWhitespace)
        while let next = droppingPrefixID(rest) { rest = next.drop(while: \.isWhitespace) }
        return String(rest)
    }
}

private extension SocialFacts {
    /// The sections highlights come from, in order of importance.
    enum Section: Int {
        case featuredPRs, kep, developerNews, featureWork

        init?(heading: String) {
            let name = heading.lowercased().split(whereSeparator: \.isWhitespace)
                .joined(separator: " ")
            if name.contains("kep of the week") || name.hasPrefix("featured kep") {
                self = .kep
            } else if name.hasPrefix("featured pr") || name.hasPrefix("featured merge") {
                self = .featuredPRs
            } else if name.hasPrefix("developer news") {
                self = .developerNews
            } else if name.contains("feature work") || name.hasSuffix(" features") {
                self = .featureWork
            } else {
                return nil
            }
        }
    }

    /// The first sentence of each paragraph (and list item) in `blocks`.
    static func firstSentences(of blocks: [Block]) -> [String] {
        var found: [String] = []
        for block in blocks {
            switch block {
            case .paragraph(let content):
                if !isLabel(content) { found.append(firstSentence(of: text(of: content))) }
            case .bulletList(let list):
                for item in list.items { found += firstSentences(of: item.blocks).prefix(1) }
            case .orderedList(let list):
                for item in list.items { found += firstSentences(of: item.blocks).prefix(1) }
            case .heading, .blockQuote, .codeBlock, .thematicBreak, .rawBlock, .table:
                continue
            }
        }
        return found
    }

    /// The text a reader sees.
    static func text(of content: [Inline]) -> String { content.plainText }

    /// A paragraph that is only strong or emphasised text ("**Next Deadline: …**") or only
    /// images (whose descriptions are no news).
    static func isLabel(_ content: [Inline]) -> Bool {
        content.allSatisfy {
            switch $0 {
            case .strong, .emphasis, .image, .softBreak, .hardBreak: true
            case .text(let text): text.allSatisfy(\.isWhitespace)
            case .code, .link, .strikethrough, .rawInline: false
            }
        }
    }

    /// The text up to its first sentence end: `;`, or `.`, `!` or `?` followed by a space and
    /// a capital or digit, not after an initial or an abbreviation ("e.g.", "vs.").
    static func firstSentence(of text: String) -> String {
        let chars = Array(text)
        var i = 0
        while i + 2 < chars.count {
            defer { i += 1 }
            guard ".!?;".contains(chars[i]) else { continue }
            var j = i + 1
            while j < chars.count, "\"'”’)".contains(chars[j]) { j += 1 }
            guard j < chars.count, chars[j] == " " else { continue }
            // A clause is a fact of its own: "The election opens next week; check …".
            if chars[i] == ";" { return String(chars[..<i]) }
            // Sentences in the posts are often followed by two spaces.
            while j < chars.count, chars[j] == " " { j += 1 }
            guard j < chars.count, chars[j].isUppercase || chars[j].isNumber else { continue }
            if chars[i] == "." {
                var start = i
                while start > 0, chars[start - 1] != " " { start -= 1 }
                let word = String(chars[start..<i]).lowercased()
                if (i - start == 1 && chars[start].isLetter) || abbreviations.contains(word) {
                    continue
                }
            }
            return String(chars[..<i])
        }
        return text
    }

    static let abbreviations: Set = [
        "e.g", "i.e", "vs", "etc", "mr", "ms", "dr", "st", "approx", "cf", "no", "feb", "jan",
        "aug", "sep", "sept", "oct", "nov", "dec", "mar", "apr", "jun", "jul",
    ]

    /// `text` after one leading `#123:`, `repo#123:` or `KEP-123:`/`KEP 123:` id, or nil.
    static func droppingPrefixID(_ text: Substring) -> Substring? {
        var rest = text
        if rest.lowercased().hasPrefix("kep") {
            rest = rest.dropFirst(3)
            if rest.first == "-" || rest.first == " " { rest = rest.dropFirst() }
        } else {
            rest = rest.drop { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "/" }
            guard rest.first == "#" else { return nil }
            rest = rest.dropFirst()
        }
        let digits = rest.prefix(while: \.isNumber)
        guard !digits.isEmpty else { return nil }
        rest = rest.dropFirst(digits.count)
        if rest.first == ":" { return rest.dropFirst() }
        // An id needs its colon unless a space follows ("#66041 Remove"); "KEP 0019" alone
        // is the whole title and stays.
        guard rest.first == " ", rest.contains(where: \.isLetter) else { return nil }
        return rest
    }

    /// White space collapsed, closing punctuation dropped.
    static func cleaned(_ text: String) -> String {
        var words = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        while let last = words.last, ".:;,".contains(last) { words.removeLast() }
        return words
    }
}

extension SocialFacts {
    /// `content` without the body of an inline `<script>` or `<style>` element, which no
    /// reader sees; the sanitiser drops such tags but keeps what is between them as text.
    static func withoutHiddenElements(_ content: [Inline]) -> [Inline] {
        var out: [Inline] = []
        var hidden: String?
        for inline in content {
            guard case .rawInline(_, let raw) = inline else {
                if hidden == nil { out.append(inline) }
                continue
            }
            let tag = raw.lowercased()
            if let name = hidden {
                if tag.hasPrefix("</" + name) {
                    hidden = nil
                    out.append(inline)
                }
                continue
            }
            if let name = ["script", "style"].first(where: { tag.hasPrefix("<" + $0) }),
                !tag.contains("</" + name)
            {
                hidden = name
            }
            out.append(inline)
        }
        return out
    }
}
