import Foundation
import LwkdTestSupport
import LwkdWriters
import Testing

@testable import LwkdCLI

/// The common `INPUT --to FORMAT -o OUTPUT` path that skips ArgumentParser (issue 14) must be
/// the same command: the same job, the same bytes, the same messages and exit codes.
@Suite struct FastConvertTests {
    static let post = Repository.samples.appendingPathComponent("2026-08-06-update.md").path

    /// The command lines the fast path takes.
    static let taken: [[String]] = [
        [post, "--to", "html"],
        [post, "-t", "markdown", "-o", "out.md"],
        [post, "--to=json", "--output=x.json"],
        [post, "-o", "x.epub"],
        ["-", "--from", "markdown", "--to", "plain", "--quiet"],
        [post, "-f", "markdown", "-t", "eml", "-q", "--strict"],
        [post, post, "--to", "html", "-o", "dir/", "--keep-going"],
        ["--to", "atom", post],
    ]

    /// The command lines it leaves to ArgumentParser: anything it does not know, or a shape
    /// ArgumentParser reports an error for.
    static let left: [[String]] = [
        [post, "--to", "html", "--columns", "80"],
        [post, "--to"],
        [post, "-o", "-x"],
        [post, "-o", "-"],
        [post, "--to", "html", "--to", "epub"],
        [post, "-q", "-q"],
        [post, "--quiet=yes"],
        ["check", post],
        [post, "help"],
        ["--", post],
        [post, "-tmarkdown"],
        ["--list-formats"],
        ["--version", post],
        [post, "--to", ""],
        [],
    ]

    @Test(arguments: taken) func takesTheSameJobArgumentParserMakes(_ arguments: [String]) throws {
        let fast = try #require(FastConvert.job(arguments, commandNames: LwkdMain.commandNames))
        let parsed = try #require(try LwkdCommand.parseAsRoot(arguments) as? ConvertCommand)
        let slow = parsed.job
        #expect(fast.inputs == slow.inputs)
        #expect(fast.to == slow.to)
        #expect(fast.from == slow.from)
        #expect(fast.output == slow.output)
        #expect(fast.keepGoing == slow.keepGoing)
        #expect(fast.theme == slow.theme)
        #expect(fast.fromAddress == slow.fromAddress)
        #expect(String(reflecting: fast.common) == String(reflecting: slow.common))
        #expect(String(reflecting: fast.writerOptions) == String(reflecting: slow.writerOptions))
        // No DKIM option was given, so neither path signs.
        #expect(fast.dkim == nil)
        #expect(try slow.dkim?.signer(fromAddress: slow.fromAddress, environment: .process) == nil)
    }

    @Test(arguments: left) func leavesEverythingElseToArgumentParser(_ arguments: [String]) {
        #expect(FastConvert.job(arguments, commandNames: LwkdMain.commandNames) == nil)
    }

    @Test func versionIsArgumentParsersVersion() {
        let fast = CLIRun.run(["--version"])
        #expect(fast.code == 0)
        #expect(fast.stdout == LwkdCommand.version + "\n")
        // ArgumentParser's own answer for the same command line.
        do {
            _ = try LwkdCommand.parseAsRoot(["--version"])
            Issue.record("ArgumentParser did not answer --version")
        } catch {
            #expect(fast.stdout == LwkdCommand.fullMessage(for: error) + "\n")
        }
    }

    /// Every format, one post, through both paths: `--columns 72` is the default, so it changes
    /// nothing but sends the command line through ArgumentParser.
    @Test(arguments: Writers.all.map(\.format)) func sameBytesEitherWay(_ format: String) throws {
        let dir = try TemporaryDirectory()
        let fast = CLIRun.run([Self.post, "--to", format, "-o", dir.path + "/fast"])
        let slow = CLIRun.run([
            Self.post, "--to", format, "-o", dir.path + "/slow", "--columns", "72",
        ])
        #expect(fast.code == 0, "\(fast.stderr)")
        #expect(fast.code == slow.code)
        #expect(fast.stderr == slow.stderr)
        let a = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/fast"))
        let b = try Data(contentsOf: URL(fileURLWithPath: dir.path + "/slow"))
        #expect(!a.isEmpty)
        #expect(a == b)
    }

    /// Failures read the same: a missing post, an unknown format, --strict with a warning.
    @Test func sameFailuresEitherWay() throws {
        let dir = try TemporaryDirectory()
        let warned = try dir.write(
            "2026-01-04-w.md", "---\ntitle: T\ndate: 2026-01-04\n---\n\n## News\n\n* a\n* \n")
        for arguments in [
            [dir.path + "/missing.md", "--to", "html"],
            [Self.post, "--to", "nosuch"],
            [warned, "--to", "html", "--strict"],
            [Self.post, Self.post, "--to", "html"],
        ] {
            let fast = CLIRun.run(arguments)
            let slow = CLIRun.run(arguments + ["--columns", "72"])
            #expect(fast.code != 0, "\(arguments)")
            #expect(fast.code == slow.code, "\(arguments)")
            #expect(fast.stderr == slow.stderr, "\(arguments)")
            #expect(fast.stdout == slow.stdout, "\(arguments)")
        }
    }
}
