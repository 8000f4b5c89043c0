import Testing

/// `--from plain` and the plain writer's options, run in-process as a user would.
@Suite struct PlainOptionsTests {
    static let post = """
        LWKD: Week Ending March 1, 2026
        Developer News
        The contributor survey is open; find it at https://example.org/survey.
        Other Merges
        - One merge
        - Another merge

        """

    static let markdown = """
        ## News

        See [the notes](https://example.org/notes) and [them again](https://example.org/notes), \
        then a long sentence that has to wrap somewhere before the margin of the page.

        ## More

        Read [the blog](https://example.org/blog).

        """

    @Test func plainTextBecomesAPostWithFrontMatter() {
        for name in ["plain", "post"] {
            let run = CLIRun.run(["-", "--from", name, "--to", "markdown"], stdin: Self.post)
            #expect(run.code == 0, "\(run.stderr)")
            #expect(run.stdout.hasPrefix("---\nlayout: post\ntitle: Week Ending March 1, 2026\n"))
            #expect(run.stdout.contains("slug: 2026-03-01-update\n"))
            #expect(run.stdout.contains("## Developer News\n"))
            #expect(run.stdout.contains("## Other Merges\n\n- One merge\n- Another merge\n"))
        }
    }

    @Test func plainTextIsDetectedWithoutFrom() {
        let run = CLIRun.run(["-", "--to", "markdown"], stdin: Self.post)
        #expect(run.code == 0)
        #expect(run.stdout.contains("## Other Merges"))
    }

    @Test func referencesGoAfterEachSectionOrAtTheEnd() {
        let section = CLIRun.run(
            ["-", "--from", "markdown", "--to", "plain"], stdin: Self.markdown)
        #expect(section.code == 0)
        #expect(section.stdout.contains("[1] https://example.org/notes\n\nMore\n===="))
        let document = CLIRun.run(
            ["-", "--from", "markdown", "--to", "plain", "--reference-location", "document"],
            stdin: Self.markdown)
        #expect(document.code == 0)
        #expect(
            document.stdout.hasSuffix(
                "[1] https://example.org/notes\n[2] https://example.org/blog\n"))
        #expect(!document.stdout.contains("[1] https://example.org/notes\n\nMore"))
    }

    @Test func flowedAndColumnsShapeTheLines() {
        let flowed = CLIRun.run(
            ["-", "--from", "markdown", "--to", "plain", "--flowed"], stdin: Self.markdown)
        #expect(flowed.code == 0)
        #expect(flowed.stdout.split(separator: "\n").contains { $0.hasSuffix(" ") })
        let narrow = CLIRun.run(
            ["-", "--from", "markdown", "--to", "plain", "--columns", "30"], stdin: Self.markdown)
        #expect(narrow.code == 0)
        #expect(
            narrow.stdout.split(separator: "\n").allSatisfy { $0.count <= 30 || $0.hasPrefix("[") })
    }

    @Test func badOptionAndEmptyInputFailClearly() {
        let option = CLIRun.run(
            ["-", "--to", "plain", "--reference-location", "nowhere"], stdin: "x\n")
        #expect(option.code == 64)
        #expect(option.stderr.contains("--reference-location must be 'section' or 'document'"))
        let empty = CLIRun.run(["-", "--from", "plain", "--to", "markdown"], stdin: "  \n\n")
        #expect(empty.code == 6)
        #expect(empty.stderr == "lwkdconv: -: input is empty\n")
        #expect(empty.stdout.isEmpty)
    }
}
