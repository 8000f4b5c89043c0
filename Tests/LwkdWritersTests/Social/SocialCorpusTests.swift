import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import LwkdWriters
import Testing

/// Every real post's announcement fits both platforms and names at least two highlights
/// whenever the post has two.
@Suite struct SocialCorpusTests {
    @Test(.enabled(if: Repository.shared != nil, Comment(rawValue: Repository.sharedMissing)))
    func everyPostFitsWithTwoFactsWhenItHasTwoHighlights() throws {
        let posts = Repository.corpusPosts
        #expect(posts.count == 130)
        var problems: [String] = []
        var highlights: [Int: Int] = [:]
        var kept: [SocialPlatform: [Int: Int]] = [:]
        var shortened = 0
        for url in posts {
            let document = try Convert.file(url)
            let post = Post(document: document, site: .lwkd, diagnostics: DiagnosticSink())
            let writer = SocialWriter()
            let found = SocialFacts.highlights(in: post.document).count
            highlights[found, default: 0] += 1
            problems += SocialLimitsTests.check(
                post, writer: writer, label: url.lastPathComponent)
            for a in writer.announcements(for: post, in: Convert.context()) {
                kept[a.platform, default: [:]][a.facts.count, default: 0] += 1
                shortened += a.facts.filter { $0.hasSuffix("…") }.count
                if found >= 2, a.facts.count < 2 {
                    problems.append(
                        "\(url.lastPathComponent) \(a.platform): \(a.facts.count) of \(found) facts"
                    )
                }
            }
        }
        let histogram = SocialLimitsTests.histogram
        print(
            "social corpus: \(posts.count) posts; highlights per post \(histogram(highlights)); "
                + "facts kept per post, Bluesky \(histogram(kept[.bluesky] ?? [:])), "
                + "Mastodon \(histogram(kept[.mastodon] ?? [:])); \(shortened) facts shortened")
        #expect(problems.isEmpty, "\(problems.prefix(10))")
    }
}
