import Foundation
import LwkdCLI
import LwkdTestSupport
import Testing

/// The convert command as a user drives it.
@Suite struct ConvertCommandTests {
    let post = "---\nlayout: post\ntitle: T\n---\n\n## News\n\n* a\n* b\n"

    @Test func stdinToStdout() {
        let run = CLIRun.run(["-", "--to", "markdown"], stdin: post)
        #expect(run.code == 0)
        #expect(run.stdout == post)
    }

    @Test func formatInferredFromOutputExtension() throws {
        let dir = try TemporaryDirectory()
        let run = CLIRun.run(["-", "-o", dir.path + "/x.json"], stdin: post)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            try String(contentsOfFile: dir.path + "/x.json", encoding: .utf8).contains(
                "\"bulletList\""))
    }

    @Test func metadataOverridesFrontMatter() {
        let run = CLIRun.run(
            ["-", "--to", "markdown", "-M", "title=New title", "--metadata", "draft=true"],
            stdin: post)
        #expect(run.stdout.contains("title: New title\n"))
        #expect(run.stdout.contains("draft: true\n"))
    }

    @Test func jsonRoundTripThroughCLI() {
        let json = CLIRun.run(["-", "--to", "json"], stdin: post).stdout
        let back = CLIRun.run(["-", "--from", "json", "--to", "markdown"], stdin: json)
        #expect(back.code == 0)
        #expect(back.stdout == post)
    }

    @Test func markdownNamedTxtIsDetected() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("2026-01-04-update.txt", post)
        #expect(CLIRun.run([file, "--to", "markdown"]).stdout == post)
    }

    @Test func listFormats() {
        let run = CLIRun.run(["--list-formats"])
        #expect(run.code == 0)
        #expect(run.stdout.contains("Output formats (--to):"))
        #expect(run.stdout.contains("  markdown"))
        #expect(run.stdout.contains("  json"))
    }

    @Test func helpListsExitCodesAndExamples() {
        let run = CLIRun.run(["--help"])
        #expect(run.code == 0)
        #expect(run.stdout.contains("EXIT CODES:"))
        #expect(run.stdout.contains("unknown --to/--from format"))
        #expect(run.stdout.contains("lwkdconv post.md --to epub"))
    }

    @Test func versionAndCompletions() {
        #expect(CLIRun.run(["--version"]).stdout == LwkdCommand.version + "\n")
        let bash = CLIRun.run(["--generate-completion-script", "bash"])
        #expect(bash.code == 0)
        #expect(bash.stdout.contains("lwkdconv"))
    }

    @Test func strictFailsOnWarnings() {
        let deep = String(repeating: ">", count: 100) + " x\n"
        let lax = CLIRun.run(["-", "--from", "markdown", "--to", "markdown"], stdin: deep)
        #expect(lax.code == 0)
        #expect(lax.stderr.contains("warning: nesting deeper than"))
        let strict = CLIRun.run(
            ["-", "--from", "markdown", "--to", "markdown", "--strict"], stdin: deep)
        #expect(strict.code == 3)
        #expect(strict.stdout.isEmpty)
    }

    @Test func quietSilencesWarnings() {
        let deep = String(repeating: ">", count: 100) + " x\n"
        #expect(
            CLIRun.run(["-", "--from", "markdown", "--to", "markdown", "-q"], stdin: deep).stderr
                .isEmpty)
    }

    @Test(arguments: Repository.samplePosts)
    func everySampleConvertsToEveryFormatWithoutErrors(_ url: URL) throws {
        let dir = try TemporaryDirectory()
        let formats = CLIRun.run(["--list-formats"]).stdout
            .split(separator: "\n").drop { !$0.hasPrefix("Output") }.dropFirst()
            .compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(!formats.isEmpty)
        for format in formats {
            let run = CLIRun.run(
                [url.path, "--to", format, "-o", dir.path + "/out." + format], directory: dir.path)
            #expect(run.code == 0, "\(url.lastPathComponent) → \(format): \(run.stderr)")
            #expect(
                !run.stderr.contains("error:"),
                "\(url.lastPathComponent) → \(format): \(run.stderr)")
        }
    }
}
