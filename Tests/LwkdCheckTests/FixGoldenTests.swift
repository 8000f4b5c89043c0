import Foundation
import LwkdCheck
import LwkdModel
import LwkdTestSupport
import Testing

/// `--fix`: for every fixable rule a before/after pair, and a second fix changes nothing.
@Suite struct FixGoldenTests {
    static let folder = Repository.root().appendingPathComponent("Tests/LwkdCheckTests/Fixtures/fix")
    static let fixable = Rules.all.filter(\.isFixable).map(\.id)
    static let now = PostDate(parsing: "2026-08-20T12:00:00Z")!

    @Test func everyFixableRuleHasAGolden() throws {
        for rule in Self.fixable {
            let path = Self.folder.appendingPathComponent("\(rule).before.md").path
            #expect(FileManager.default.fileExists(atPath: path), "\(rule)")
        }
    }

    @Test(arguments: fixable)
    func fixMatchesTheGolden(_ rule: String) throws {
        let before = try String(
            contentsOf: Self.folder.appendingPathComponent("\(rule).before.md"), encoding: .utf8)
        let (after, applied) = try fixed(before, now: Self.now, only: rule)
        #expect(!applied.isEmpty)
        #expect(applied.allSatisfy { $0.rule == rule })
        if let failure = Golden.check(
            after, against: Self.folder.appendingPathComponent("\(rule).after.md"))
        {
            Issue.record(Comment(rawValue: failure))
        }
        // Nothing of the rule is left, and fixing again changes nothing.
        #expect(try check(after, now: Self.now, only: rule).isEmpty)
        let (again, more) = try fixed(after, now: Self.now)
        #expect(more.filter { $0.rule == rule }.isEmpty)
        #expect(try fixed(again, now: Self.now).1.isEmpty)
    }

    /// The site's own template, every fix applied: the post keeps only what a reader needs.
    @Test func theTemplateFixedIsStable() throws {
        let template = frontMatter + "\n## Other Merges\n\n*\n\n## Shoutouts\n\n* Thanks to all\n"
        let (after, applied) = try fixed(template, now: Self.now)
        #expect(Set(applied.map(\.rule)).isSubset(of: Set(Self.fixable)))
        #expect(after == frontMatter + "\n## Shoutouts\n\n* Thanks to all\n")
        #expect(try fixed(after, now: Self.now).1.isEmpty)
    }
}
