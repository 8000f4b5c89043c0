import Foundation
import LwkdCLI
import ZIPFoundation
import Testing

/// Hostile posts through the CLI (issue 15): one line naming file and line, the code from the
/// table, and `--keep-going` goes on past them.
@Suite struct HostileInputTests {
    /// Nine levels of nine aliases: 10⁹ nodes once expanded.
    static let billionLaughs: String = {
        var lines = [
            "---", "title: Week Ending January 9, 2022", "date: 2022-01-11 05:00:00 -0000",
            #"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#,
        ]
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            lines.append("\(name): &\(name) [" + Array(repeating: "*" + previous, count: 9)
                .joined(separator: ",") + "]")
            previous = name
        }
        return (lines + ["---", "", "Body text.", ""]).joined(separator: "\n")
    }()

    @Test func anAliasBombIsOneLineAndExitSix() throws {
        let root = try TemporaryDirectory()
        _ = try root.write("2022-01-09-update.md", Self.billionLaughs)
        let result = CLIRun.run(["2022-01-09-update.md", "--to", "html"], directory: root.path)
        #expect(result.code == 6)
        #expect(
            result.stderr
                == "lwkdconv: 2022-01-09-update.md:8: front matter refused: its aliases expand to more than 10000 nodes\n"
        )
        #expect(result.stdout.isEmpty)
    }

    @Test func feedOverAFolderWithAnAliasBombReportsItAndGoesOn() throws {
        let root = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: root.path + "/posts", withIntermediateDirectories: true)
        _ = try root.write("posts/2022-01-09-update.md", Self.billionLaughs)
        _ = try root.write(
            "posts/2022-01-16-update.md",
            "---\ntitle: Week Ending January 16, 2022\ndate: 2022-01-18 12:00:00 -0000\n---\n\nA sentence.\n"
        )
        let result = CLIRun.run(["feed", "posts", "--keep-going"], directory: root.path)
        #expect(result.code == 0)
        #expect(
            result.stderr
                == "lwkdconv: warning: skipped: posts/2022-01-09-update.md:8: front matter refused: its aliases expand to more than 10000 nodes\n"
        )
        #expect(result.stdout.contains("Week Ending January 16, 2022"))
        #expect(!result.stdout.contains("Week Ending January 9, 2022"))
    }
}

/// `ok.png%00.txt` names no file; it must not embed `ok.png` (issue 15, item 9).
@Suite struct ResourcePathNULTests {
    @Test func aPercentEncodedNULNamesNoFile() throws {
        let root = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: root.path + "/res", withIntermediateDirectories: true)
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]
        _ = try root.write("res/ok.png", png)
        _ = try root.write(
            "post.md",
            "---\ntitle: Week Ending August 2, 2026\ndate: 2026-08-03 22:00:00 -0000\n---\n\n![a](ok.png%00.txt) and ![b](ok.png)\n"
        )
        let run = CLIRun.run(
            ["post.md", "--to", "epub", "--resource-path", "res", "-o", "post.epub"],
            directory: root.path)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains(
                "post.md:6:1: warning: image ok.png%00.txt not found in any --resource-path"),
            "\(run.stderr)")
        let archive = try Archive(
            data: Data(contentsOf: URL(fileURLWithPath: root.path + "/post.epub")),
            accessMode: .read)
        // Only the one real reference embedded the file.
        #expect(archive.filter { $0.path.hasPrefix("EPUB/images/") }.map(\.path) == ["EPUB/images/ok.png"])
        let chapter = try #require(archive["EPUB/chapter-001.xhtml"])
        var xhtml = Data()
        _ = try archive.extract(chapter) { xhtml.append($0) }
        #expect(String(decoding: xhtml, as: UTF8.self).components(separatedBy: "<img").count == 2)
    }
}
