import Dispatch
import Foundation
import LwkdModel
import LwkdTestSupport
import Synchronization
import Testing

/// Markdown parses on every core (issue 14), and no parse disturbs another.
///
/// The documents lean on every extension whose inline characters sit in cmark-gfm's
/// process-wide table (`~` strikethrough, `|` tables, `:` and `w` autolinks, task items). Each
/// `cmark_parser_finish` sets and clears those characters, so without the reader's lock around
/// it a parse ending on one thread clears them under another: 16 of these 600 comparisons
/// failed. `make tsan` runs this suite under ThreadSanitizer, which also checks that the
/// unlocked part (parser set-up, block parsing, the tree walk) shares nothing.
@Suite struct ParallelParseTests {
    static let documents: [String] = [
        "Some ~~struck~~ text, ~~more~~ and ~one~ tilde.\n\n" + String(
            repeating: "* item ~~gone~~ www.example.com and https://k8s.io/x.\n", count: 40),
        "| a | b |\n|---|---|\n" + String(repeating: "| ~~x~~ | www.k8s.io |\n", count: 60),
        String(repeating: "- [x] done ~~no~~\n- [ ] open user@example.com\n", count: 50),
        String(repeating: "Plain paragraph with `code` and *emphasis* and a [link](https://k8s.io).\n\n", count: 30),
    ]

    @Test func parallelParsesEqualSerialOnes() throws {
        let serial = try Self.documents.map { try Convert.markdown($0) }
        let rounds = 600
        let mismatches = Mutex(0)
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: rounds) { round in
            let index = round % Self.documents.count
            guard let parsed = try? Convert.markdown(Self.documents[index]) else {
                failures.withLock { $0 += 1 }
                return
            }
            if parsed != serial[index] { mismatches.withLock { $0 += 1 } }
        }
        #expect(failures.withLock { $0 } == 0)
        #expect(mismatches.withLock { $0 } == 0, "parallel parses differed from serial ones")
        // The extensions really did their work in the serial parse.
        let walked = String(describing: serial[0])
        #expect(walked.contains("strikethrough"))
        #expect(walked.contains("www.example.com"))
    }

    /// Every real post parsed on every core at once equals its serial parse; under
    /// ThreadSanitizer (`make tsan`) this is the corpus-wide proof that parses share nothing.
    @Test(.enabled(if: Repository.shared != nil, Comment(rawValue: Repository.sharedMissing)))
    func corpusParsesInParallelEqualSerialOnes() throws {
        let texts = try Repository.corpusPosts.map { try String(contentsOf: $0, encoding: .utf8) }
        try #require(texts.count > 100)
        let names = Repository.corpusPosts.map(\.lastPathComponent)
        let serial = try zip(texts, names).map { try Convert.markdown($0, fileName: $1) }
        let parallel = Mutex([Document?](repeating: nil, count: texts.count))
        DispatchQueue.concurrentPerform(iterations: texts.count) { index in
            let document = try? Convert.markdown(texts[index], fileName: names[index])
            parallel.withLock { $0[index] = document }
        }
        let differing = zip(names, zip(serial, parallel.withLock { $0 }))
            .filter { $1.0 != $1.1 }.map(\.0)
        #expect(differing.isEmpty, "parallel parses differ: \(differing)")
    }
}
