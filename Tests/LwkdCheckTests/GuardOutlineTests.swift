import Foundation
import LwkdCheck
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import Testing

/// A conversion's publishing guard reads an outline without the inline nodes it never looks at
/// (issue 15: the whole outline was a third of a big post's peak memory). Its findings must be
/// the same as with the whole outline, on every post the tests have.
@Suite struct GuardOutlineTests {
    static func guardFindings(_ text: String, path: String, slim: Bool) throws -> [Finding] {
        let reader = MarkdownReader()
        let sink = DiagnosticSink()
        let (document, map) = try reader.readMapped(
            Source(text: text, path: path),
            in: ReadContext(
                diagnostics: sink, recordsOutline: true,
                keepsInlines: slim ? Checker.publishingGuardKeepsInlines : nil))
        let post = Post(document: document, sourceMap: map, site: .lwkd, diagnostics: sink)
        let checked = CheckedPost(path: path, bytes: Array(text.utf8), post: post, reader: reader)
        return Checker(now: fixtureNow, includes: { $0.guardsPublishing }).findings(in: checked)
    }

    static var posts: [URL] {
        let fixtures = Repository.root().appendingPathComponent("Tests/LwkdCheckTests/Fixtures")
        let files = FileManager.default.enumerator(atPath: fixtures.path)?
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".md") } ?? []
        return Repository.samplePosts.filter { $0.pathExtension == "md" }
            + files.sorted().map { fixtures.appendingPathComponent($0) }
            + Repository.corpusPosts
            + [Repository.shared?.appendingPathComponent("corpus/template.md")].compactMap { $0 }
    }

    @Test func theSlimOutlineFindsWhatTheWholeOneFinds() throws {
        var findings = 0
        var read = 0
        for url in Self.posts {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            let whole = try Self.guardFindings(text, path: url.lastPathComponent, slim: false)
            let slim = try Self.guardFindings(text, path: url.lastPathComponent, slim: true)
            #expect(slim == whole, "\(url.lastPathComponent)")
            findings += whole.count
            read += 1
        }
        // The fixtures hold template leftovers of every kind the guard reports.
        #expect(read > 10 && findings > 10, "\(read) posts, \(findings) findings")
    }

    @Test func deadlineAndHeadingTextSurvive() throws {
        let text = post(
            "## Release Schedule\n\n**Next Deadline:**\n\n## News\n\n## News\n\nSome *text* here.\n")
        let whole = try Self.guardFindings(text, path: "2026-08-16-update.md", slim: false)
        let slim = try Self.guardFindings(text, path: "2026-08-16-update.md", slim: true)
        #expect(Set(whole.map(\.rule)).isSuperset(of: ["template-placeholder", "duplicate-heading"]),
            "\(whole.map(\.rule))")
        #expect(slim == whole)
    }
}
