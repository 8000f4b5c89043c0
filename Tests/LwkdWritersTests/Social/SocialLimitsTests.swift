import Foundation
import LwkdModel
import LwkdTestSupport
import LwkdWriters
import Testing

/// Both platforms' limits hold for any post, counted independently of the writer, and the
/// Bluesky facets select exactly the link and the hashtags.
@Suite struct SocialLimitsTests {
    /// Bluesky's count: Swift's grapheme clusters (Unicode 15.1), Foundation's composed
    /// character sequences and the writer's pre-GB9c count must all be within 300, and the
    /// UTF-8 bytes within 3000.
    static func blueskyProblems(_ text: String) -> [String] {
        var problems: [String] = []
        let composed = composedCharacterCount(text)
        for (name, count) in [
            ("graphemes", text.count), ("composed sequences", composed),
            ("pre-15.1 graphemes", BlueskyCount.graphemes(text)),
        ] where count > 300 {
            problems.append("\(count) \(name)")
        }
        if text.utf8.count > 3000 { problems.append("\(text.utf8.count) bytes") }
        return problems
    }

    /// Mastodon's count: each URL it links replaced by 23 characters, then the server's
    /// grapheme clusters and the composer's code points, both within 500.
    static func mastodonProblems(_ text: String) -> [String] {
        let pattern = #"https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:[/?#][^\s]*[^\s.,:;!?'")\]])?"#
        let regex = try? NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        let countable =
            regex?.stringByReplacingMatches(
                in: text, range: range, withTemplate: String(repeating: "x", count: 23)) ?? text
        var problems: [String] = []
        if countable.count > 500 { problems.append("\(countable.count) graphemes") }
        if countable.unicodeScalars.count > 500 {
            problems.append("\(countable.unicodeScalars.count) code points")
        }
        return problems
    }

    /// `count:posts` pairs, by count.
    static func histogram(_ counts: [Int: Int]) -> String {
        counts.keys.sorted().map { "\($0):\(counts[$0] ?? 0)" }.joined(separator: " ")
    }

    static func composedCharacterCount(_ text: String) -> Int {
        let string = text as NSString
        var count = 0
        var index = 0
        while index < string.length {
            index = NSMaxRange(string.rangeOfComposedCharacterSequence(at: index))
            count += 1
        }
        return count
    }

    /// The text of `bytes` in `text`'s UTF-8.
    static func slice(_ text: String, _ bytes: Range<Int>) -> String? {
        let utf8 = Array(text.utf8)
        guard bytes.lowerBound >= 0, bytes.upperBound <= utf8.count else { return nil }
        return String(validating: utf8[bytes], as: UTF8.self)
    }

    /// Checks one post's announcements: limits, facts kept in order and cut at words, facets.
    static func check(_ post: Post, writer: SocialWriter, label: String) -> [String] {
        var problems: [String] = []
        let sources = writer.facts ?? SocialFacts.highlights(in: post.document)
        for a in writer.announcements(for: post, in: Convert.context()) {
            let where_ = "\(label) \(a.platform)"
            let over = a.platform == .bluesky ? blueskyProblems(a.text) : mastodonProblems(a.text)
            problems += over.map { "\(where_): \($0)" }
            // The kept facts are the most important ones, each whole or cut at a word.
            for (kept, source) in zip(a.facts, sources) where kept != source {
                let head = kept.hasSuffix("…") ? String(kept.dropLast()) : kept
                let rest = source.dropFirst(head.count)
                if !source.hasPrefix(head) || !(rest.first.map { " ,;:-–—".contains($0) } ?? false)
                {
                    problems.append("\(where_): '\(kept)' is not a word prefix of '\(source)'")
                }
            }
            if a.facts.count > sources.count { problems.append("\(where_): facts invented") }
            // Only Bluesky may shorten the link's text (its facet keeps the whole URL).
            let linkText = slice(a.text, a.linkBytes)
            if linkText != a.link, a.platform == .mastodon || !(linkText?.hasSuffix("…") ?? false) {
                problems.append("\(where_): link range selects \(linkText ?? "nothing")")
            }
            for tag in a.tags where slice(a.text, tag.bytes) != "#" + tag.name {
                problems.append("\(where_): tag range of \(tag.name)")
            }
        }
        return problems
    }

    @Test func generatedPostsNeverExceedEitherLimit() throws {
        var generator = SocialPostGenerator(seed: 12)
        var problems: [String] = []
        var factCounts: [SocialPlatform: [Int: Int]] = [:]
        for round in 0..<400 {
            let (markdown, editorFacts) = generator.post(size: 1 + round % 40)
            let document = try Convert.markdown(markdown, fileName: "2026-08-06-update.md")
            let post = document.post()
            let writer = SocialWriter(facts: editorFacts, encoding: .text)
            problems += Self.check(post, writer: writer, label: "post \(round)")
            for a in writer.announcements(for: post, in: Convert.context()) {
                factCounts[a.platform, default: [:]][a.facts.count, default: 0] += 1
            }
            if problems.count > 10 {
                Issue.record("first post with problems:\n\(markdown)")
                break
            }
        }
        print(
            "social limits: 400 generated posts, facts kept per post, Bluesky "
                + "\(Self.histogram(factCounts[.bluesky] ?? [:])), Mastodon "
                + "\(Self.histogram(factCounts[.mastodon] ?? [:]))")
        #expect(problems.isEmpty, "\(problems.prefix(10))")
    }

    @Test func hugeHashtagsAndTitlesStillFit() throws {
        let long = String(repeating: "Größe👩‍👩‍👧‍👦e\u{301}\u{302} ", count: 400)
        let document = try Convert.markdown(
            "---\ntitle: \(long)\n---\n\n## Featured PRs\n\n### #1: x\n")
        let writer = SocialWriter(hashtags: (0..<100).map { "tag\($0)withsomelength" })
        let problems = Self.check(document.post(), writer: writer, label: "huge")
        #expect(problems.isEmpty, "\(problems)")
        for a in writer.announcements(for: document.post(), in: Convert.context()) {
            #expect(!a.tags.isEmpty, "\(a.platform) kept some hashtags")
        }
    }

    @Test func blueskyFacetsSelectExactlyTheLinkAndTheHashtags() throws {
        let markdown = """
            ---
            title: Week Ending August 2, 2026
            date: 2026-08-06 22:00:00 -0000
            ---

            ## Featured PRs

            ### [#1: Größe 👩‍👩‍👧‍👦 naïve क्षत्रिय e\u{301}\u{302} 日本語](https://example.org/1)

            """
        let document = try Convert.markdown(markdown)
        let output = try SocialWriter(
            platforms: [.bluesky], hashtags: ["kubernetes", "Größe", "日本"], encoding: .json
        ).write(document, in: Convert.context())
        let record = try #require(
            try JSONSerialization.jsonObject(with: Data(output.bytes)) as? [String: Any])
        let text = try #require(record["text"] as? String)
        let facets = try #require(record["facets"] as? [[String: Any]])
        var selected: [String] = []
        for facet in facets {
            let index = try #require(facet["index"] as? [String: Int])
            let range = try #require(index["byteStart"])..<(try #require(index["byteEnd"]))
            let slice = try #require(Self.slice(text, range))
            let feature = try #require((facet["features"] as? [[String: Any]])?.first)
            switch feature["$type"] as? String {
            case "app.bsky.richtext.facet#link":
                #expect(slice == feature["uri"] as? String)
            case "app.bsky.richtext.facet#tag":
                #expect(slice == "#" + (feature["tag"] as? String ?? ""))
            default:
                Issue.record("unexpected feature \(feature)")
            }
            selected.append(slice)
        }
        #expect(selected == ["https://lwkd.info/2026/20260806", "#kubernetes", "#Größe", "#日本"])
        // Nothing else in the text is a link or a hashtag.
        #expect(text.hasPrefix("Week ending August 2: Größe 👩‍👩‍👧‍👦 naïve"))
        #expect(text.hasSuffix("\n\nhttps://lwkd.info/2026/20260806\n\n#kubernetes #Größe #日本"))
    }

    @Test func theGeneratedPostsFacetsAreExact() throws {
        var generator = SocialPostGenerator(seed: 7)
        for round in 0..<100 {
            let (markdown, _) = generator.post(size: 1 + round % 20)
            let document = try Convert.markdown(markdown, fileName: "2026-08-06-update.md")
            for a in SocialWriter(platforms: [.bluesky]).announcements(
                for: document.post(), in: Convert.context())
            {
                #expect(Self.slice(a.text, a.linkBytes) == a.link)
                for tag in a.tags { #expect(Self.slice(a.text, tag.bytes) == "#" + tag.name) }
            }
        }
    }

    @Test(arguments: [
        ("क्ष", 2), ("👩‍👩‍👧‍👦", 1), ("e\u{301}\u{302}", 1), ("🇩🇪🇫🇷", 2), ("abc", 3),
    ])
    func blueskyCountsGraphemesAsTheOlderSegmentersDo(_ text: String, _ expected: Int) {
        #expect(BlueskyCount.graphemes(text) == expected)
    }

    @Test func mastodonCountsEveryURLAs23() {
        #expect(MastodonCount.characters("https://lwkd.info/2026/20260806") == 23)
        #expect(MastodonCount.characters("see https://a.io.") == 4 + 23 + 1)
        #expect(
            MastodonCount.characters("https://example.org/" + String(repeating: "x", count: 400))
                == 23)
        #expect(MastodonCount.characters("http://localhost/x") == 18)
        #expect(MastodonCount.characters("e\u{301}") == 2)
    }
}

/// Random LWKD-shaped posts: long titles, non-ASCII, emoji, combining marks, Indic conjuncts,
/// URLs and long words in the facts, many facts; and sometimes the editor's own facts.
struct SocialPostGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    static let words = [
        "kubelet", "scheduler", "API", "Größe", "naïve", "日本語のテキスト", "Привет", "🚀",
        "👩‍👩‍👧‍👦", "🇩🇪", "❤️", "e\u{301}\u{302}\u{303}", "Z\u{334}\u{321}\u{31B}\u{32E}\u{354}",
        "क्षत्रिय", "https://example.org/a/very/long/path/that/goes/on", "#12345:", "a",
        String(repeating: "x", count: 70), "v1.36", "e.g.", "end.", "Done!", "(beta)", "—",
    ]

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }

    mutating func phrase(_ maxWords: Int) -> String {
        (0..<(1 + next(maxWords))).map { _ in Self.words[next(Self.words.count)] }
            .joined(separator: " ")
    }

    /// A post of about `size` highlights, and editor's facts for one post in five.
    mutating func post(size: Int) -> (String, [String]?) {
        var title = "Week Ending August 2, 2026"
        if next(3) == 0 { title = phrase(120) }
        var out = "---\ntitle: \"\(title.replacingOccurrences(of: "\"", with: ""))\"\n---\n\n"
        out += "## Developer News\n\n"
        for _ in 0..<next(size + 1) {
            out +=
                next(2) == 0
                ? "### \(phrase(12))\n\n\(phrase(8))\n\n" : "\(phrase(40)). \(phrase(5))\n\n"
        }
        out += "## Featured PRs\n\n"
        for n in 0..<next(size + 1) {
            out +=
                "### [#\(100 + n): \(phrase(next(4) == 0 ? 60 : 10))](https://example.org/\(n))\n\n"
        }
        out +=
            "## KEP of the Week\n\n### [KEP-\(next(9999)): \(phrase(20))](https://example.org/k)\n"
        let facts = next(5) == 0 ? (0..<(1 + next(size))).map { _ in phrase(50) } : nil
        return (out, facts)
    }
}
