import Foundation
import LwkdCLI
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
