import Foundation
import Testing

/// `lwkdconv preview`'s bad input: one line, the right exit code, no server started.
///
/// The server itself is driven through a browser in LwkdPreviewTests.
@Suite struct PreviewCommandTests {
    @Test func aMissingPostIsAnUnreadableInput() {
        let run = CLIRun.run(["preview", "missing.md"], directory: NSTemporaryDirectory())
        #expect(run.code == 6)
        #expect(run.stderr == "lwkdconv: missing.md: no such file\n")
    }

    @Test func aPortOutOfRangeIsAUsageError() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("post.md", "# Post\n")
        let run = CLIRun.run(["preview", "post.md", "--port", "70000"], directory: directory.path)
        #expect(run.code == 64)
        #expect(run.stderr.contains("--port must be between 0 and 65535"))
    }

    @Test func standardInputCannotBePreviewed() {
        let run = CLIRun.run(["preview", "-"])
        #expect(run.code == 64)
        #expect(run.stderr.contains("standard input (-) cannot be previewed"))
    }

    @Test func cssLinkMustBeAURL() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("post.md", "# Post\n")
        let run = CLIRun.run(
            ["post.md", "--to", "html", "--css-link", "a b.css"], directory: directory.path)
        #expect(run.code == 64)
        #expect(run.stderr.contains("--css-link 'a b.css' is not a URL"))
    }

    @Test func cssLinkIsLinkedFromTheCommandLine() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("post.md", "# Post\n")
        let run = CLIRun.run(
            ["post.md", "--to", "html", "--css-link", "/assets/main.css", "-q"],
            directory: directory.path)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("<link rel=\"stylesheet\" href=\"/assets/main.css\">"))
        #expect(!run.stdout.contains("<style>"))
    }
}
