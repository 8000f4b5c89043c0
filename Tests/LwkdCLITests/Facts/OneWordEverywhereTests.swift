import Foundation
import Testing

/// Issue 10: `--strict` fails and `--quiet` hides in every command alike; `feed` reads a site
/// folder and skips a broken post with `--keep-going`; mistyped command words are errors.
@Suite struct OneWordEverywhereTests {
    /// A site folder whose one post has a warning (a scheme-less link), and a subscriber list.
    static func site() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: directory.path + "/_posts", withIntermediateDirectories: true)
        _ = try directory.write(
            "_posts/2026-08-16-update.md",
            "---\ntitle: Week Ending August 16, 2026\ndate: 2026-08-20 22:00:00 -0000\n---\n\n"
                + "See [tiers](cloud.google.com/network-tiers).\n")
        _ = try directory.write("list.csv", "email,name\nann@example.org,Ann\n")
        return directory
    }

    static let commands: [(name: String, arguments: [String], output: String)] = [
        ("convert", ["_posts/2026-08-16-update.md", "-o", "out.html"], "out.html"),
        ("digest", ["digest", ".", "--year", "2026", "-o", "out.epub"], "out.epub"),
        ("feed", ["feed", ".", "-o", "out.xml"], "out.xml"),
        (
            "send",
            [
                "send", "_posts/2026-08-16-update.md", "--list", "list.csv", "--from-address",
                "news@lwkd.info", "--dry-run", "mail",
            ], "mail/ann@example.org.eml"
        ),
    ]

    @Test(arguments: commands.map(\.name))
    func strictAndQuietMeanTheSame(_ name: String) throws {
        let command = try #require(Self.commands.first { $0.name == name })
        let directory = try Self.site()
        if name == "send" {
            try FileManager.default.createDirectory(
                atPath: directory.path + "/mail", withIntermediateDirectories: true)
        }
        let output = directory.path + "/" + command.output

        let strict = CLIRun.run(command.arguments + ["--strict"], directory: directory.path)
        #expect(strict.code == 3, "\(name) --strict: \(strict.stderr)")
        #expect(strict.stderr.contains("2026-08-16-update.md:6:5: warning: link"), "\(strict.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output), "\(name) --strict wrote output")

        let quiet = CLIRun.run(command.arguments + ["--quiet"], directory: directory.path)
        #expect(quiet.code == 0, "\(name) --quiet: \(quiet.stderr)")
        #expect(!quiet.stderr.contains("warning"), "\(name) --quiet: \(quiet.stderr)")
        #expect(FileManager.default.fileExists(atPath: output))

        try? FileManager.default.removeItem(atPath: output)
        let plain = CLIRun.run(command.arguments, directory: directory.path)
        #expect(plain.code == 0)
        #expect(plain.stderr.contains("warning: link 'cloud.google.com/network-tiers'"))
    }

    @Test func feedReadsASiteFolderAndKeepsGoing() throws {
        let directory = try Self.site()
        _ = try directory.write("_posts/2026-08-23-update.md", "---\ntitle: broken\n")
        _ = try directory.write("_config.yml", "title: x\n")
        let stops = CLIRun.run(["feed", "."], directory: directory.path)
        #expect(stops.code == 6)
        #expect(stops.stderr.contains("_posts/2026-08-23-update.md"))
        let goes = CLIRun.run(["feed", ".", "--keep-going"], directory: directory.path)
        #expect(goes.code == 0, "\(goes.stderr)")
        #expect(goes.stderr.contains("warning: skipped: _posts/2026-08-23-update.md"), "\(goes.stderr)")
        #expect(goes.stdout.contains("<id>https://lwkd.info/2026/update</id>"))
        let strict = CLIRun.run(["feed", ".", "--keep-going", "--strict"], directory: directory.path)
        #expect(strict.code == 3)
    }

    @Test func mistypedCommandWordsAreErrors() {
        let sned = CLIRun.run(["sned", "x.md", "--list", "a.csv"])
        #expect(sned.code == 64)
        #expect(sned.stderr.hasPrefix("lwkdconv: unknown command 'sned'; did you mean 'send'?"))
        let social = CLIRun.run(["social", "post.md"])
        #expect(social.code == 64)
        #expect(social.stderr.contains("unknown command 'social'"))
        #expect(social.stderr.contains("convert, new, check, stamp, digest, feed, send, dkim"))
    }

    @Test func aPostWithoutExtensionIsStillAPost() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("post", "---\ntitle: Week Ending August 16, 2026\ndate: 2026-08-20\n---\n\nHi.\n")
        let run = CLIRun.run(["post", "--to", "plain"], directory: directory.path)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Week Ending August 16, 2026\n"))
    }

    @Test(arguments: [
        ("post.atom", "<feed"), ("post.xml", "<feed"), ("post.email.html", "class=\"title\""),
        ("post.eml", "MIME-Version: 1.0"), ("post.txt", "Week Ending"), ("post.md", "---\n"),
        ("post.json", "\"facts\""), ("post.html", "<h1>"), ("post.epub", "PK"),
    ])
    func outputEndingPicksTheFormat(_ name: String, _ marker: String) throws {
        let directory = try Self.site()
        let run = CLIRun.run(["_posts/2026-08-16-update.md", "-o", name, "-q"], directory: directory.path)
        #expect(run.code == 0, "\(name): \(run.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: directory.path + "/" + name))
        #expect(String(decoding: bytes.prefix(4000), as: UTF8.self).contains(marker), "\(name)")
    }

    @Test func hintsNameOptionsThatExist() {
        let run = CLIRun.run(["x.md", "-o", "x.docx"])
        #expect(run.code == 4)
        #expect(run.stderr.contains("give --to"))
    }

    @Test func rootHelpShowsTheConversionOptionsFirst() throws {
        let help = CLIRun.run(["--help"]).stdout
        let to = try #require(help.range(of: "--to <to>"))
        let output = try #require(help.range(of: "--output <output>"))
        let commands = try #require(help.range(of: "COMMANDS:"))
        #expect(to.lowerBound < commands.lowerBound)
        #expect(output.lowerBound < commands.lowerBound)
        #expect(help.contains("send "))
    }
}
