import Foundation
import LwkdCheck
import Testing

/// `lwkdconv check` as editors and CI run it.
@Suite struct CheckCommandTests {
    static let now = "2026-08-20T12:00:00Z"

    static let clean = """
        ---
        layout: post
        title: Week Ending August 16, 2026
        date: 2026-08-18 22:00:00 -0000
        slug: 2026-08-16-update
        ---

        ## Developer News

        The [steering committee](https://github.com/kubernetes/steering) met this week.

        """

    static let broken = """
        ---
        layout: post
        title: Week Ending August 16, 2026
        date: 2026-08-18 22:00:00 -0000
        slug: 2026-08-16-update
        ---

        ## Developer News

        See [the KEP]((https://github.com/kubernetes/enhancements/issues/1)).\u{20}\u{20}\u{20}

        ## Promotions

        *

        """

    func site(_ posts: [String: String]) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: directory.path + "/_posts", withIntermediateDirectories: true)
        for (name, text) in posts { _ = try directory.write("_posts/" + name, text) }
        return directory
    }

    // MARK: - Exit status

    @Test func aCleanPostExitsZero() throws {
        let dir = try site(["2026-08-16-update.md": Self.clean])
        let run = CLIRun.run(["check", "--now", Self.now], directory: dir.path)
        #expect(run.code == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.hasSuffix("0 errors, 0 warnings, 0 notices in 1 file\n"))
    }

    @Test func errorsExitOneWarningsDoNot() throws {
        let dir = try site(["2026-08-16-update.md": Self.broken])
        let run = CLIRun.run(["check", ".", "--now", Self.now], directory: dir.path)
        #expect(run.code == 1)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "_posts/2026-08-16-update.md:10:15: error: destination is wrapped in extra parentheses, so it links to '(https://github.com/kubernetes/enhancements/issues/1)'; remove them [link-extra-parens]"
            ))
        #expect(lines.contains { $0.hasPrefix("_posts/2026-08-16-update.md:14:1: error: empty list item") })
        #expect(run.stdout.hasSuffix("2 errors, 1 warning, 1 notice in 1 file\n"))
        // Errors switched to warnings: exit 0.
        let relaxed = CLIRun.run(
            ["check", "--now", Self.now, "--rule", "link-extra-parens=warning", "--rule",
             "bare-list-item=off"], directory: dir.path)
        #expect(relaxed.code == 0, "\(relaxed.stdout)")
        #expect(!relaxed.stdout.contains("[bare-list-item]"))
    }

    @Test func badUsageAndUnreadableInputHaveTheirCodes() throws {
        let dir = try site(["2026-08-16-update.md": Self.clean])
        let missing = CLIRun.run(["check", "nope.md", "--now", Self.now], directory: dir.path)
        #expect(missing.code == 6)
        #expect(missing.stderr.contains("nope.md: no such file"))
        let rule = CLIRun.run(["check", "--rule", "link-extra-paren=off"], directory: dir.path)
        #expect(rule.code == 64)
        #expect(rule.stderr.contains("no rule 'link-extra-paren'; did you mean 'link-extra-parens'?"))
        let level = CLIRun.run(["check", "--rule", "term-case=loud"], directory: dir.path)
        #expect(level.code == 64)
        let now = CLIRun.run(["check", "--now", "2026-08-20 12:00"], directory: dir.path)
        #expect(now.code == 64)
        #expect(now.stderr.contains("is not an RFC 3339 instant"))
        let dry = CLIRun.run(["check", "--dry-run"], directory: dir.path)
        #expect(dry.code == 64)
    }

    @Test func nowDecidesTheFuture() throws {
        let dir = try site(["2026-08-16-update.md": Self.clean])
        let before = CLIRun.run(
            ["check", "--now", "2026-08-18T14:59:00-07:00"], directory: dir.path)
        #expect(before.code == 1)
        #expect(before.stdout.contains("[date-in-future]"))
        #expect(before.stdout.contains("now is 2026-08-18T21:59:00Z"))
        let after = CLIRun.run(
            ["check", "--now", "2026-08-18T15:00:00-07:00"], directory: dir.path)
        #expect(after.code == 0, "\(after.stdout)")
    }

    @Test func listRulesNamesEveryRule() {
        let run = CLIRun.run(["check", "--list-rules"])
        #expect(run.code == 0)
        for rule in Rules.all {
            #expect(run.stdout.contains("  \(rule.id) "), "\(rule.id)")
        }
    }

    // MARK: - Formats

    /// GitHub's workflow command grammar: `::LEVEL k=v,k=v::MESSAGE`, property values with `%`,
    /// CR, LF, `:` and `,` escaped, the message with `%`, CR and LF escaped.
    @Test func githubFormatFollowsTheWorkflowCommandGrammar() throws {
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: dir.path + "/odd, name: 100%", withIntermediateDirectories: true)
        _ = try dir.write("odd, name: 100%/2026-08-16-update.md", Self.broken)
        let run = CLIRun.run(
            ["check", "odd, name: 100%/2026-08-16-update.md", "--format", "github", "--now",
             Self.now], directory: dir.path)
        #expect(run.code == 1)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        let commands = lines.filter { $0.hasPrefix("::") }
        #expect(commands.count == 4)
        let value = "(?:[^%:,\\r\\n]|%25|%0D|%0A|%3A|%2C)*"
        let grammar = try Regex(
            "^::(error|warning|notice) file=\(value),line=[1-9][0-9]*,col=[1-9][0-9]*,endLine=[1-9][0-9]*,endColumn=[1-9][0-9]*,title=\(value)::(?:[^%\\r\\n]|%25|%0D|%0A)*$"
        )
        for command in commands {
            #expect(command.wholeMatch(of: grammar) != nil, "\(command)")
        }
        #expect(commands[0].contains("file=odd%2C name%3A 100%25/2026-08-16-update.md,"))
        // GitHub shows ten annotations of a kind; the summary is printed too.
        #expect(run.stdout.hasSuffix("2 errors, 1 warning, 1 notice in 1 file\n"))
    }

    @Test func jsonFormatRoundTrips() throws {
        let dir = try site(["2026-08-16-update.md": Self.broken])
        let run = CLIRun.run(["check", "--format", "json", "--now", Self.now], directory: dir.path)
        #expect(run.code == 1)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 4)
        let first = try #require(findings.first { $0["rule"] as? String == "link-extra-parens" })
        #expect(first["file"] as? String == "_posts/2026-08-16-update.md")
        #expect(first["line"] as? Int == 10)
        #expect(first["column"] as? Int == 15)
        #expect(first["endLine"] as? Int == 10)
        #expect(first["endColumn"] as? Int == 67)
        #expect(first["severity"] as? String == "error")
        let fix = try #require(first["fix"] as? [String: Any])
        #expect(fix["replacement"] as? String == "https://github.com/kubernetes/enhancements/issues/1")
        // Re-encoding what was parsed gives the same document.
        let again = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        let reparsed = try JSONSerialization.jsonObject(with: again) as? NSDictionary
        #expect(reparsed == (object as NSDictionary))
    }

    /// SARIF 2.1.0 against the OASIS schema, when `LWKD_SARIF_SCHEMA` names a copy of it and
    /// Python's `jsonschema` is installed; otherwise the test says why it did not run.
    @Test func sarifValidatesAgainstTheSchema() throws {
        let dir = try site(["2026-08-16-update.md": Self.broken])
        let run = CLIRun.run(["check", "--format", "sarif", "--now", Self.now], directory: dir.path)
        #expect(run.code == 1)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["version"] as? String == "2.1.0")
        let runs = try #require(object["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        #expect(results.count == 4)
        guard let schema = ProcessInfo.processInfo.environment["LWKD_SARIF_SCHEMA"],
            FileManager.default.fileExists(atPath: schema)
        else {
            print("skipped: SARIF schema validation (set LWKD_SARIF_SCHEMA to sarif-schema-2.1.0.json)")
            return
        }
        let report = try dir.write("report.sarif", run.stdout)
        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                print("no jsonschema"); sys.exit(2)
            schema = json.load(open(sys.argv[1]))
            cls = jsonschema.validators.validator_for(schema)
            errors = list(cls(schema).iter_errors(json.load(open(sys.argv[2]))))
            for e in errors: print(e.message)
            sys.exit(1 if errors else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema, report]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        process.waitUntilExit()
        let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        if process.terminationStatus == 2 {
            print("skipped: SARIF schema validation (python3 has no jsonschema)")
            return
        }
        #expect(process.terminationStatus == 0, "\(said)")
    }

    // MARK: - Fixing

    @Test func fixRewritesOnlyWhatItFixesAndSaysSo() throws {
        let dir = try site(["2026-08-16-update.md": Self.broken])
        let run = CLIRun.run(["check", "--fix", "--now", Self.now], directory: dir.path)
        #expect(run.code == 0, "\(run.stdout)\(run.stderr)")
        let text = try String(
            contentsOfFile: dir.path + "/_posts/2026-08-16-update.md", encoding: .utf8)
        #expect(
            text == """
                ---
                layout: post
                title: Week Ending August 16, 2026
                date: 2026-08-18 22:00:00 -0000
                slug: 2026-08-16-update
                ---

                ## Developer News

                See [the KEP](https://github.com/kubernetes/enhancements/issues/1).

                """)
        #expect(run.stderr.contains("_posts/2026-08-16-update.md:10:15: fixed: remove the extra parentheses [link-extra-parens]"))
        #expect(run.stderr.contains("fixed: remove the empty section 'Promotions' [empty-section]"))
        #expect(run.stdout.hasSuffix("0 errors, 0 warnings, 0 notices in 1 file\n"))
        // No stray temporary file, and a second run has nothing to do.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/_posts")
        #expect(names == ["2026-08-16-update.md"])
        let again = CLIRun.run(["check", "--fix", "--now", Self.now], directory: dir.path)
        #expect(again.code == 0)
        #expect(!again.stderr.contains("fixed:"))
    }

    @Test func dryRunPrintsAUnifiedDiffThatPatchApplies() throws {
        let dir = try site(["2026-08-16-update.md": Self.broken])
        let run = CLIRun.run(
            ["check", "--fix", "--dry-run", "--now", Self.now], directory: dir.path)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix(
            "--- a/_posts/2026-08-16-update.md\n+++ b/_posts/2026-08-16-update.md\n@@ "))
        let untouched = try String(
            contentsOfFile: dir.path + "/_posts/2026-08-16-update.md", encoding: .utf8)
        #expect(untouched == Self.broken)
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/patch") else {
            print("skipped: applying the diff (no /usr/bin/patch)")
            return
        }
        let diff = try dir.write("fix.diff", run.stdout)
        let patch = Process()
        patch.executableURL = URL(fileURLWithPath: "/usr/bin/patch")
        patch.arguments = ["-p1", "-s", "-i", diff]
        patch.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        try patch.run()
        patch.waitUntilExit()
        #expect(patch.terminationStatus == 0)
        let patched = try String(
            contentsOfFile: dir.path + "/_posts/2026-08-16-update.md", encoding: .utf8)
        let fixedDir = try site(["2026-08-16-update.md": Self.broken])
        _ = CLIRun.run(["check", "--fix", "--now", Self.now], directory: fixedDir.path)
        let fixed = try String(
            contentsOfFile: fixedDir.path + "/_posts/2026-08-16-update.md", encoding: .utf8)
        #expect(patched == fixed)
    }

    @Test func fixKeepsAByteOrderMarkAndCarriageReturns() throws {
        let dir = try TemporaryDirectory()
        let text = Self.broken.replacingOccurrences(of: "\n", with: "\r\n")
        let path = try dir.write("2026-08-16-update.md", [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let run = CLIRun.run(
            ["check", "2026-08-16-update.md", "--fix", "--now", Self.now], directory: dir.path)
        #expect(run.code == 0, "\(run.stdout)")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let after = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(after.contains("See [the KEP](https://github.com/kubernetes/enhancements/issues/1).\r\n"))
        #expect(!after.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    // MARK: - Configuration

    @Test func siteConfigurationAndCommandLineAndPostComments() throws {
        let dir = try site([
            "2026-08-16-update.md": Self.clean + "We upgraded Kubectl today.\n\nUse Kubectl.\n"
        ])
        let plain = CLIRun.run(["check", "--now", Self.now], directory: dir.path)
        #expect(plain.stdout.components(separatedBy: "[term-case]").count == 3)
        _ = try dir.write(".lwkdconv.yml", "rules:\n  term-case: off\n")
        let configured = CLIRun.run(["check", "--now", Self.now], directory: dir.path)
        #expect(!configured.stdout.contains("[term-case]"), "\(configured.stdout)")
        let overridden = CLIRun.run(
            ["check", "--now", Self.now, "--rule", "term-case=error"], directory: dir.path)
        #expect(overridden.code == 1)
        #expect(overridden.stdout.contains("error: 'Kubectl' is spelled 'kubectl'"))

        _ = try dir.write(".lwkdconv.yml", "rules:\n  no-such-rule: off\n")
        let bad = CLIRun.run(["check", "--now", Self.now], directory: dir.path)
        #expect(bad.code == 64)
        #expect(bad.stderr.contains(".lwkdconv.yml:2: no rule 'no-such-rule'"), "\(bad.stderr)")
    }

    @Test func postCommentsSwitchRulesOff() throws {
        let body = """
            <!-- lwkdconv-disable-next-line term-case -->
            We upgraded Kubectl today.

            Kubectl again.

            <!-- lwkdconv-disable term-case link-text-vague -->
            Kubectl, [here](https://kubernetes.io).
            <!-- lwkdconv-enable term-case -->

            Kubectl and [here](https://kubernetes.io).

            """
        let dir = try site(["2026-08-16-update.md": Self.clean + body])
        let run = CLIRun.run(["check", "--now", Self.now], directory: dir.path)
        let flagged = run.stdout.split(separator: "\n").filter { $0.contains("[term-case]") }
            .map { $0.split(separator: ":")[1] }
        #expect(flagged == ["14", "20"], "\(run.stdout)")
        #expect(!run.stdout.contains("[link-text-vague]"), "\(run.stdout)")
    }

    // MARK: - Publishing

    /// `feed`, `digest` and `convert` print the publishing rules' errors as warnings, so
    /// `--strict` fails on them; without it the archive is still written.
    @Test func convertingCommandsWarnAndStrictFails() throws {
        let future = Self.clean.replacingOccurrences(
            of: "date: 2026-08-18 22:00:00 -0000", with: "date: 2099-08-18 22:00:00 -0000")
            .replacingOccurrences(of: "slug: 2026-08-16-update", with: "slug: 2099-08-16-update")
            .replacingOccurrences(of: "August 16, 2026", with: "August 16, 2099")
        let bullets = Self.clean + "\n## Promotions\n\n*\n"
        for (name, text, rule) in [
            ("2099-08-16-update.md", future, "[date-in-future]"),
            ("2026-08-16-update.md", bullets, "[bare-list-item]"),
        ] {
            let dir = try site([name: text])
            let feed = CLIRun.run(["feed", "."], directory: dir.path)
            #expect(feed.code == 0, "\(feed.stderr)")
            #expect(feed.stdout.contains("<feed"))
            #expect(feed.stderr.contains("_posts/\(name):"), "\(feed.stderr)")
            #expect(feed.stderr.contains("warning: "))
            #expect(feed.stderr.contains(rule), "\(feed.stderr)")
            let strict = CLIRun.run(["feed", ".", "--strict"], directory: dir.path)
            #expect(strict.code == 3, "\(strict.stderr)")
            let convert = CLIRun.run(
                ["_posts/" + name, "--to", "plain", "--strict"], directory: dir.path)
            #expect(convert.code == 3)
            #expect(convert.stderr.contains(rule))
        }
        // A clean post converts under --strict.
        let dir = try site(["2026-08-16-update.md": Self.clean])
        let clean = CLIRun.run(["feed", ".", "--strict"], directory: dir.path)
        #expect(clean.code == 0, "\(clean.stderr)")
    }

    /// `feed` guards only the posts it puts in the feed: the template bullet of an old post
    /// `--limit` leaves out, or of a `published: false` one, neither warns nor fails `--strict`
    /// (noticed in issue 14's closing note).
    @Test func feedGuardsOnlyThePostsItKeeps() throws {
        let newer = Self.clean.replacingOccurrences(of: "2026-08-18", with: "2026-08-25")
            .replacingOccurrences(of: "2026-08-16-update", with: "2026-08-23-update")
            .replacingOccurrences(of: "August 16, 2026", with: "August 23, 2026")
        let dir = try site([
            "2026-08-16-update.md": Self.clean + "\n## Promotions\n\n*\n",
            "2026-08-23-update.md": newer,
            "2026-08-09-update.md": Self.clean.replacingOccurrences(
                of: "layout: post", with: "layout: post\npublished: false")
                .replacingOccurrences(of: "2026-08-18", with: "2026-08-11")
                .replacingOccurrences(of: "2026-08-16-update", with: "2026-08-09-update")
                + "\n## Promotions\n\n*\n",
        ])
        let kept = CLIRun.run(["feed", ".", "--limit", "1", "--strict"], directory: dir.path)
        #expect(kept.code == 0, "\(kept.stderr)")
        #expect(!kept.stderr.contains("[bare-list-item]"), "\(kept.stderr)")
        #expect(kept.stdout.contains("August 23, 2026") && !kept.stdout.contains("August 16"))
        let all = CLIRun.run(["feed", ".", "--limit", "0", "--strict"], directory: dir.path)
        #expect(all.code == 3, "\(all.stderr)")
        #expect(all.stderr.contains("_posts/2026-08-16-update.md:"), "\(all.stderr)")
        #expect(all.stderr.contains("[bare-list-item]"), "\(all.stderr)")
        let warned = { (stderr: String) in
            stderr.split(separator: "\n").filter { $0.contains("[bare-list-item]") }
                .map { String($0.split(separator: ":")[1]) }
        }
        #expect(warned(all.stderr) == [" _posts/2026-08-16-update.md"], "\(all.stderr)")
        let two = CLIRun.run(["feed", ".", "--limit", "2", "--strict"], directory: dir.path)
        #expect(two.code == 3, "\(two.stderr)")
        #expect(two.stderr.contains("_posts/2026-08-16-update.md:14:1: warning:"), "\(two.stderr)")
        #expect(warned(two.stderr) == [" _posts/2026-08-16-update.md"], "\(two.stderr)")
    }
}
