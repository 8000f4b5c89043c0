import Foundation
import LwkdCLI
import Testing

/// Every bad input of the foundation issue: a one-line error naming the file (and line where
/// known), a documented exit code, and no output file left behind.
@Suite struct BadInputTests {
    let post = "---\ntitle: T\n---\n\n## News\n\nText.\n"

    @Test func missingFile() {
        let run = CLIRun.run(["/nonexistent/post.md", "--to", "markdown"])
        #expect(run.code == 6)
        #expect(run.stderr == "lwkdconv: /nonexistent/post.md: no such file\n")
    }

    @Test func directoryInput() throws {
        let dir = try TemporaryDirectory()
        // A folder is many posts: their outputs need a folder too.
        let run = CLIRun.run([dir.path, "--to", "markdown"])
        #expect(run.code == 64)
        #expect(run.stderr.contains("is a folder of posts; they need a folder for their outputs: give -o DIR/"))
    }

    @Test func invalidUTF8NamesLine() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("bad.md", Array("a\nb\n".utf8) + [0xFF, 0xFE] + Array("\n".utf8))
        let run = CLIRun.run([file, "--to", "markdown"])
        #expect(run.code == 6)
        #expect(run.stderr == "lwkdconv: \(file):3: invalid UTF-8\n")
    }

    @Test func binaryFile() throws {
        let dir = try TemporaryDirectory()
        let file = try dir.write("image.png", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x0D])
        let run = CLIRun.run([file, "--to", "markdown"])
        #expect(run.code == 6)
        #expect(run.stderr.contains("binary file"))
    }

    @Test func unterminatedFrontMatter() {
        let run = CLIRun.run(["-", "--to", "markdown"], stdin: "---\ntitle: x\n\nbody\n")
        #expect(run.code == 6)
        #expect(
            run.stderr == "lwkdconv: -:1: front matter starts here but has no closing '---' line\n")
    }

    @Test func invalidYAMLGivesTheYAMLLine() {
        let run = CLIRun.run(
            ["-", "--to", "markdown"], stdin: "---\ntitle: x\ntags: [a, b\n---\nbody\n")
        #expect(run.code == 6)
        #expect(run.stderr.hasPrefix("lwkdconv: -:4: front matter is not valid YAML"))
    }

    @Test func unknownOutputFormatListsValidOnes() {
        let run = CLIRun.run(["-", "--to", "docx"], stdin: post)
        #expect(run.code == 4)
        #expect(run.stderr.contains("unknown output format 'docx' (known: "))
        #expect(run.stderr.contains("markdown"))
    }

    @Test func unknownInputFormatListsValidOnes() {
        let run = CLIRun.run(["-", "--from", "rst", "--to", "markdown"], stdin: post)
        #expect(run.code == 4)
        #expect(run.stderr.contains("unknown input format 'rst' (known: "))
    }

    @Test func outputInMissingDirectory() {
        let run = CLIRun.run(
            ["-", "--to", "markdown", "-o", "/nonexistent-dir/out.md"], stdin: post)
        #expect(run.code == 7)
        #expect(
            run.stderr.contains(
                "/nonexistent-dir/out.md: directory /nonexistent-dir does not exist"))
    }

    @Test func failedRunLeavesExistingOutputUntouched() throws {
        let dir = try TemporaryDirectory()
        let target = try dir.write("out.md", "precious\n")
        let run = CLIRun.run(
            ["-", "--to", "markdown", "-o", target], stdin: "---\ntitle: [\n---\n")
        #expect(run.code == 6)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.md"],
            "no temporary file left")
    }

    @Test func successfulRunReplacesOutputAtomically() throws {
        let dir = try TemporaryDirectory()
        let target = try dir.write("out.md", "old\n")
        let run = CLIRun.run(["-", "-o", target], stdin: post)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("## News"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.md"])
    }

    @Test func missingToIsAUsageError() {
        let run = CLIRun.run(["-"], stdin: post)
        #expect(run.code == 64)
        #expect(run.stderr.contains("missing --to FORMAT"))
    }

    @Test func badMetadataOverride() {
        let run = CLIRun.run(["-", "--to", "markdown", "--metadata", "novalue"], stdin: post)
        #expect(run.code == 64)
    }

    @Test func unknownOptionIsAUsageError() {
        let run = CLIRun.run(["-", "--to", "markdown", "--frobnicate"], stdin: post)
        #expect(run.code == 64)
    }
}
