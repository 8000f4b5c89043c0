import LwkdModel
import LwkdTestSupport
import Testing

@testable import LwkdWriters

/// The Markdown writer's copy of cmark-gfm's delimiter algorithm must pair delimiters as the
/// reader (cmark-gfm itself) does.
@Suite struct DelimiterRunsTests {
    /// Every `*`, `_` and `~` of `source` as a mark (the writer marks only what it writes
    /// unescaped; here nothing is escaped).
    static func marks(_ source: [UInt8]) -> [DelimiterMark] {
        source.indices.compactMap { i in
            let c = source[i]
            guard c == UInt8(ascii: "*") || c == UInt8(ascii: "_") || c == UInt8(ascii: "~")
            else { return nil }
            return DelimiterMark(offset: i, count: 1, char: c, node: i, opens: true, scope: 0)
        }
    }

    /// The inlines the pairs make of `source[range]`.
    static func inlines(
        _ source: [UInt8], _ range: Range<Int>, _ pairs: [Int: DelimiterRuns.Pair]
    ) -> [Inline] {
        var result: [Inline] = []
        var text: [UInt8] = []
        var i = range.lowerBound
        while i < range.upperBound {
            guard let pair = pairs[i] else {
                text.append(source[i])
                i += 1
                continue
            }
            if !text.isEmpty { result.append(.text(text: String(decoding: text, as: UTF8.self))) }
            text = []
            let content = inlines(source, (i + pair.count)..<pair.closer, pairs)
            result.append(
                source[i] == UInt8(ascii: "~")
                    ? .strikethrough(content: content)
                    : pair.count == 1 ? .emphasis(content: content) : .strong(content: content))
            i = pair.closer + pair.count
        }
        if !text.isEmpty { result.append(.text(text: String(decoding: text, as: UTF8.self))) }
        return result
    }

    static func parsed(_ text: String) -> [Inline] {
        let source = Array(text.utf8)
        var byOpener: [Int: DelimiterRuns.Pair] = [:]
        for pair in DelimiterRuns.pairs(source, marks(source)) { byOpener[pair.opener] = pair }
        return inlines(source, 0..<source.count, byOpener)
    }

    @Test func ruleOfThreeAndInnerEnds() {
        #expect(Self.parsed("*foo**bar*") == [.emphasis(content: [.text(text: "foo**bar")])])
        #expect(
            Self.parsed("***a***") == [.emphasis(content: [.strong(content: [.text(text: "a")])])])
        #expect(Self.parsed("_a_b") == [.text(text: "_a_b")])
        #expect(
            Self.parsed("a*~~b~~*") == [
                .text(text: "a"), .emphasis(content: [.strikethrough(content: [.text(text: "b")])]),
            ])
    }

    /// 3,000 strings over `*_~a= ` (a fixed pseudo-random sequence): the pairs give the
    /// paragraph the reader reads.
    @Test func agreesWithTheReaderOnGeneratedStrings() throws {
        var seed: UInt64 = 15
        let alphabet = Array("*_~a= ")
        var disagreements: [String] = []
        for _ in 0..<3000 {
            var text = "x"
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for _ in 0..<(3 + Int(seed >> 60)) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(alphabet[Int(seed >> 33) % alphabet.count])
            }
            while text.hasSuffix(" ") { text.removeLast() }
            let blocks = try Convert.markdown(text + "\n").blocks
            guard case .paragraph(let content)? = blocks.first, blocks.count == 1 else { continue }
            if Self.parsed(text) != content { disagreements.append(text) }
        }
        #expect(
            disagreements.isEmpty, "the delimiter algorithm differs from cmark on \(disagreements)")
    }
}
