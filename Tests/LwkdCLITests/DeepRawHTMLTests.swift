import Foundation
import LwkdXML
import Testing

/// Issue 15, item 9: raw HTML nested deeper than XML readers accept (256) failed the EPUB with
/// libxml2's message, naming neither the post nor the line, and stopped a whole digest even
/// with `--keep-going`. The tags past 64 levels are now dropped with one warning naming the
/// file and line, and the book is made. (Text nested past 256 elements is already dropped by
/// libxml2's HTML parser, as in every HTML format; the text after the deep block is kept.)
@Suite struct DeepRawHTMLTests {
    static let deep =
        "---\ntitle: Week Ending August 16, 2026\ndate: 2026-08-20 22:00:00 -0000\n---\n\nIntro.\n\n"
        + String(repeating: "<div>", count: 300) + "deep text" + String(repeating: "</div>", count: 300)
        + "\n\nAfter.\n"
    static let normal =
        "---\ntitle: Week Ending August 23, 2026\ndate: 2026-08-27 22:00:00 -0000\n---\n\nA normal post.\n"

    /// Every XHTML member of the EPUB at `path`, by name.
    static func chapters(_ path: String) throws -> [String: String] {
        let book = try DigestBook(Array(Data(contentsOf: URL(fileURLWithPath: path))))
        return book.members.filter { $0.key.hasSuffix(".xhtml") }
    }

    @Test func aPostWithDeepRawHTMLMakesAWellFormedEPUBAndSaysWhere() throws {
        let root = try TemporaryDirectory()
        _ = try root.write("2026-08-20-update.md", Self.deep)
        let result = CLIRun.run(
            ["2026-08-20-update.md", "--to", "epub", "-o", "post.epub"], directory: root.path)
        #expect(result.code == 0, "\(result.stderr)")
        #expect(
            result.stderr
                == "lwkdconv: 2026-08-20-update.md:8:1: warning: raw HTML nested deeper than 64 elements; the deeper tags are dropped in the EPUB, their text kept\n"
        )
        let chapters = try Self.chapters(root.path + "/post.epub")
        #expect(!chapters.isEmpty)
        for (name, text) in chapters {
            #expect(XMLCheck.problems(in: text).isEmpty, "\(name)")
        }
        let chapter = try #require(chapters.values.first { $0.contains("Intro.") })
        #expect(chapter.contains("After."))
        #expect(chapter.components(separatedBy: "<div>").count - 1 == 64)
    }

    @Test func digestKeepsGoingPastAPostWithDeepRawHTML() throws {
        let root = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: root.path + "/posts", withIntermediateDirectories: true)
        _ = try root.write("posts/2026-08-20-update.md", Self.deep)
        _ = try root.write("posts/2026-08-27-update.md", Self.normal)
        let result = CLIRun.run(
            ["digest", "posts", "--year", "2026", "--keep-going", "-o", "book.epub", "--quiet"],
            directory: root.path)
        #expect(result.code == 0, "\(result.stderr)")
        let chapters = try Self.chapters(root.path + "/book.epub")
        for (name, text) in chapters {
            #expect(XMLCheck.problems(in: text).isEmpty, "\(name)")
        }
        #expect(chapters.values.contains { $0.contains("Intro.") && $0.contains("After.") })
        #expect(chapters.values.contains { $0.contains("A normal post.") })
    }
}
