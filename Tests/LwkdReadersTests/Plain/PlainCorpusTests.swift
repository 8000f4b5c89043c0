import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import Testing

/// Every real post rendered as seed-001-style text and read back with the plain reader.
@Suite struct PlainCorpusTests {
    @Test(.enabled(if: Repository.shared != nil, Comment(rawValue: Repository.sharedMissing)))
    func seedStyleTextRecoversHeadingsAndKeepsEveryWord() throws {
        let posts = Repository.corpusTexts
        #expect(posts.count >= 100)
        var expectedCount = 0
        var foundCount = 0
        var matched = 0
        var misses: [String] = []
        var postsLosingWords: [String] = []
        for post in posts {
            let original = try MarkdownReader().read(
                Source(text: post.text, path: post.name), in: ReadContext())
            let text = SeedStyleText.render(original)
            let recovered = try PlainReader().read(
                Source(text: text, path: post.name + ".txt"), in: ReadContext())
            let expected = Headings.of(original)
            let found = Headings.of(recovered)
            let common = Headings.matchCount(expected, found)
            expectedCount += expected.count
            foundCount += found.count
            matched += common
            if common != expected.count || common != found.count {
                let missing = expected.filter { !found.contains($0) }
                let extra = found.filter { !expected.contains($0) }
                misses.append("\(post.name): missing \(missing) extra \(extra)")
            }
            if Words.of(text, droppingTitlePrefix: true) != Words.of(recovered) {
                postsLosingWords.append(post.name)
            }
        }
        let precision = Double(matched) / Double(max(1, foundCount))
        let recall = Double(matched) / Double(max(1, expectedCount))
        print(
            "plain corpus: \(posts.count) posts, \(expectedCount) headings expected, \(foundCount) found, "
                + "\(matched) matched; precision \(precision), recall \(recall); "
                + "\(postsLosingWords.count) posts losing words")
        if ProcessInfo.isVerbose { for miss in misses { print(miss) } }
        #expect(precision >= 0.95, "heading precision \(precision)")
        #expect(recall >= 0.95, "heading recall \(recall)")
        #expect(postsLosingWords.isEmpty, "words lost in \(postsLosingWords)")
    }
}

/// The heading sequence of a document: level and collapsed text, in order, at any depth.
enum Headings {
    static func of(_ document: Document) -> [String] {
        var found: [String] = []
        document.forEachNode(block: { block in
            if case .heading(let level, _, _, let content) = block {
                found.append("h\(level) " + Words.collapse(content.plainText))
            }
        })
        return found
    }

    /// The length of the longest common subsequence.
    static func matchCount(_ a: [String], _ b: [String]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: b.count + 1)
        for x in a {
            var current = [Int](repeating: 0, count: b.count + 1)
            for (j, y) in b.enumerated() {
                current[j + 1] = x == y ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// Word sequences, ignoring list and quote markers, for the "no words lost" checks.
enum Words {
    static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }

    static func of(_ text: String, droppingTitlePrefix: Bool) -> [Substring] {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        if droppingTitlePrefix, words.first == "LWKD:" { words.removeFirst() }
        return words.filter { !isMarker($0) }
    }

    static func of(_ document: Document) -> [Substring] {
        var text = (document.meta["title"]?.plainText ?? "") + " "
        document.forEachNode(block: { block in
            switch block {
            case .paragraph(let content), .heading(_, _, _, let content):
                text += content.plainText + " "
            case .codeBlock(_, _, let code), .rawBlock(_, let code):
                text += code + " "
            case .table(let table):
                for row in [table.header] + table.rows {
                    for cell in row { text += cell.plainText + " " }
                }
            case .bulletList, .orderedList, .blockQuote, .thematicBreak:
                break
            }
        })
        return of(text, droppingTitlePrefix: false)
    }

    private static func isMarker(_ word: Substring) -> Bool {
        if word == "-" || word == ">" || word == "*" || word == "•" { return true }
        return word.last == "." && word.count > 1 && word.dropLast().allSatisfy(\.isNumber)
    }
}

extension ProcessInfo {
    /// True when `LWKD_VERBOSE=1`: corpus tests print every mismatch.
    static var isVerbose: Bool { processInfo.environment["LWKD_VERBOSE"] == "1" }
}
