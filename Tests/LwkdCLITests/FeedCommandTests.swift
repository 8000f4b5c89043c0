import Foundation
import LwkdCLI
import Testing

/// `lwkdconv feed` and `--to atom`, run in-process as from a shell.
@Suite struct FeedCommandTests {
    func run(_ arguments: [String], in directory: TemporaryDirectory) -> CLIRun {
        CLIRun.run(arguments, directory: directory.path)
    }

    /// A temporary folder with `posts/` holding three dated posts, an undated README and a
    /// hidden file.
    func makePosts() throws -> TemporaryDirectory {
        let root = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: root.path + "/posts", withIntermediateDirectories: true)
        let files = [
            "2022-01-09-update.md":
                "---\ntitle: Week Ending January 9, 2022\ndate: 2022-01-11 05:00:00 -0000\nslug: 2022-01-09-update\n---\n\n## Developer News\n\nThe first post of the year has a sentence.\n",
            "2022-01-16-update.markdown":
                "---\ntitle: Week Ending January 16, 2022\ndate: 2022-01-18 12:00:00 -0000\nslug: 2022-01-16-update\n---\n\nThe second post has a sentence too.\n",
            "2022-01-23-update.txt":
                "---\ntitle: Week Ending January 23, 2022\ndate: 2022-01-25 07:15:00 -0000\nslug: 2022-01-22-update\n---\n\nThe third post, with a slug unlike its name.\n",
            "README.md": "# Posts\n\nThis folder holds the posts of the site.\n",
            ".draft.md": "---\ntitle: Hidden\n---\n\nNot read.\n",
            "notes.json": "{}",
        ]
        for (name, text) in files { _ = try root.write("posts/" + name, text) }
        return root
    }

    func ids(in xml: String) -> [String] {
        xml.components(separatedBy: "<id>").dropFirst(2).map { String($0.prefix { $0 != "<" }) }
    }

    @Test func directoryFeedIsNewestFirstAndSkipsUndatedFiles() throws {
        let root = try makePosts()
        let result = run(["feed", "posts", "-o", "feed.xml"], in: root)
        #expect(result.code == 0)
        #expect(
            result.stderr
                == "lwkdconv: posts/README.md: warning: skipped: not a dated post (no 'date:', no YYYY-MM-DD- file name)\n"
        )
        let xml = try String(contentsOfFile: root.path + "/feed.xml", encoding: .utf8)
        #expect(
            ids(in: xml) == [
                "https://lwkd.info/2022/2022-01-22-update",
                "https://lwkd.info/2022/2022-01-16-update",
                "https://lwkd.info/2022/2022-01-09-update",
            ])
        #expect(xml.contains("<updated>2022-01-25T07:15:00Z</updated>\n  <author>"))
    }

    @Test func limitKeepsTheNewest() throws {
        let root = try makePosts()
        let result = run(["feed", "posts", "--limit", "1", "--quiet"], in: root)
        #expect(result.code == 0)
        #expect(ids(in: result.stdout) == ["https://lwkd.info/2022/2022-01-22-update"])
        #expect(ids(in: run(["feed", "posts", "--limit", "0", "-q"], in: root).stdout).count == 3)
    }

    @Test func optionsSetFeedMetadata() throws {
        let root = try makePosts()
        let result = run(
            [
                "feed", "posts/2022-01-09-update.md", "--title", "LWKD <2022>", "--base-url",
                "https://example.org",
                "--feed-url", "/atom.xml", "--lang", "de",
            ], in: root)
        #expect(result.code == 0)
        #expect(result.stdout.contains(#"xml:lang="de""#))
        #expect(result.stdout.contains("<title type=\"text\">LWKD &lt;2022&gt;</title>"))
        #expect(ids(in: result.stdout) == ["https://example.org/2022/2022-01-09-update"])
        #expect(result.stdout.contains("<id>https://example.org/atom.xml</id>"))
    }

    @Test func sameInputsGiveSameBytes() throws {
        let root = try makePosts()
        #expect(
            run(["feed", "posts", "-q"], in: root).stdout
                == run(["feed", "posts", "-q"], in: root).stdout)
    }

    /// The kept entries are rendered on every core; their messages still come newest first,
    /// one per post, the same in every run.
    @Test func entryMessagesComeInFeedOrderEveryRun() throws {
        let root = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: root.path + "/posts", withIntermediateDirectories: true)
        let days = (1...28).map { $0 < 10 ? "0\($0)" : "\($0)" }
        for day in days {
            _ = try root.write(
                "posts/2022-02-\(day)-update.md",
                "---\ntitle: Week \(day)\ndate: 2022-02-\(day)\nslug: update-\(day)\n---\n\nSee [the docs](cloud.google.com/x\(day)).\n")
        }
        let expected = days.reversed().map {
            "lwkdconv: posts/2022-02-\($0)-update.md:7:5: warning: link 'cloud.google.com/x\($0)' has no scheme; written as https://cloud.google.com/x\($0)\n"
        }.joined()
        for _ in 0..<3 {
            let result = run(["feed", "posts", "--limit", "0", "-o", "feed.xml"], in: root)
            #expect(result.code == 0)
            #expect(result.stderr == expected)
        }
    }

    @Test func toAtomWritesAOneEntryFeed() throws {
        let root = try makePosts()
        let result = run(["posts/2022-01-23-update.txt", "--to", "atom"], in: root)
        #expect(result.code == 0)
        #expect(ids(in: result.stdout) == ["https://lwkd.info/2022/2022-01-22-update"])
        #expect(result.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed"))
    }

    @Test func missingInputIsAnErrorAndWritesNothing() throws {
        let root = try makePosts()
        let result = run(["feed", "posts", "nope.md", "-o", "feed.xml"], in: root)
        #expect(result.code == 6)
        #expect(result.stderr.hasSuffix("lwkdconv: nope.md: no such file\n"))
        #expect(!FileManager.default.fileExists(atPath: root.path + "/feed.xml"))
    }

    @Test func undatedFileNamedExplicitlyIsAnError() throws {
        let root = try makePosts()
        let result = run(["feed", "posts/README.md"], in: root)
        #expect(result.code == 6)
        #expect(
            result.stderr
                == "lwkdconv: posts/README.md: not a dated post: give it a 'date:' or a YYYY-MM-DD- file name\n"
        )
    }

    @Test func emptyDirectoryAndBadLimitAreErrors() throws {
        let root = try makePosts()
        try FileManager.default.createDirectory(
            atPath: root.path + "/empty", withIntermediateDirectories: true)
        let empty = run(["feed", "empty"], in: root)
        #expect(empty.code == 6)
        #expect(
            empty.stderr
                == "lwkdconv: empty: no posts (*.markdown, *.md, *.mdown, *.mkd, *.mkdn, "
                + "*.txt) in this directory\n")
        #expect(run(["feed", "posts", "--limit", "-1"], in: root).code == 64)
        #expect(run(["feed"], in: root).code == 64)
    }
}
