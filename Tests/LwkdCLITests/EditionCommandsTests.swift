import Foundation
import LwkdCheck
import LwkdModel
import LwkdTestSupport
import Testing

/// `new` and `stamp`: starting an edition and dating it when it is published.
@Suite struct EditionCommandsTests {
    static let fixtures = Repository.root().appendingPathComponent("Tests/LwkdCLITests/Commands/new")

    /// A site folder holding the real site's template.md.
    func site() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        let template = try Data(contentsOf: Self.fixtures.appendingPathComponent("template.md"))
        _ = try dir.write("template.md", Array(template))
        return dir
    }

    func git(_ arguments: [String], in directory: String, environment: [String: String] = [:])
        throws -> Int32
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(
            [
                "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
                "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
            ].merging(environment) { $1 }) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    // MARK: - new

    /// Every weekday across the turn of a year, a Sunday itself, and a Sunday evening west of
    /// UTC (already Monday in UTC): `next` is the coming Sunday or today, `last` the one before.
    @Test(arguments: [
        ("2026-12-28T12:00:00Z", "2027-01-03", "2026-12-27"),  // Monday
        ("2026-12-29T12:00:00Z", "2027-01-03", "2026-12-27"),
        ("2026-12-30T12:00:00Z", "2027-01-03", "2026-12-27"),
        ("2026-12-31T23:59:59Z", "2027-01-03", "2026-12-27"),
        ("2027-01-01T00:00:00Z", "2027-01-03", "2026-12-27"),
        ("2027-01-02T12:00:00Z", "2027-01-03", "2026-12-27"),  // Saturday
        ("2027-01-03T00:00:00Z", "2027-01-03", "2026-12-27"),  // Sunday: today
        ("2027-01-03T23:30:00-05:00", "2027-01-03", "2026-12-27"),  // Sunday where it is written
        ("2026-08-12T23:59:00Z", "2026-08-16", "2026-08-09"),
    ])
    func editionDay(_ now: String, _ next: String, _ last: String) throws {
        let dir = try site()
        let a = CLIRun.run(["new", "next", "--now", now], directory: dir.path)
        #expect(a.stdout == "_posts/\(next)-update.md\n", "\(a.stderr)")
        let b = CLIRun.run(["new", "last", "--now", now], directory: dir.path)
        #expect(b.stdout == "_posts/\(last)-update.md\n", "\(b.stderr)")
        let c = CLIRun.run(["new", "--now", now, "--force"], directory: dir.path)
        #expect(c.stdout == "_posts/\(next)-update.md\n", "the default is next")
    }

    @Test func theEditionIsTheTemplateFilledIn() throws {
        let dir = try site()
        let run = CLIRun.run(["new", "--now", "2026-07-29T12:00:00Z"], directory: dir.path)
        #expect(run.code == 0, "\(run.stderr)")
        let text = try String(
            contentsOfFile: dir.path + "/_posts/2026-08-02-update.md", encoding: .utf8)
        if let failure = Golden.check(
            text, against: Self.fixtures.appendingPathComponent("2026-08-02-update.golden.md"))
        {
            Issue.record(Comment(rawValue: failure))
        }
        #expect(text.contains("title: Week Ending August 2, 2026\n"))
        #expect(!text.contains("POST_") && !text.contains("Month DD"))
        #expect(!text.contains("\n\n\n"), "blank-line runs folded")
    }

    @Test func itRefusesToOverwriteAndToStartOnAWeekday() throws {
        let dir = try site()
        #expect(CLIRun.run(["new", "2026-08-16"], directory: dir.path).code == 0)
        let path = dir.path + "/_posts/2026-08-16-update.md"
        try Data("my draft\n".utf8).write(to: URL(fileURLWithPath: path))
        let again = CLIRun.run(["new", "2026-08-16"], directory: dir.path)
        #expect(again.code == 7)
        #expect(again.stderr.contains("_posts/2026-08-16-update.md already exists"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "my draft\n")
        #expect(CLIRun.run(["new", "2026-08-16", "--force"], directory: dir.path).code == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) != "my draft\n")
        let monday = CLIRun.run(["new", "2026-08-17"], directory: dir.path)
        #expect(monday.code == 64)
        #expect(monday.stderr.contains("2026-08-17 is a Monday"))
        #expect(CLIRun.run(["new", "2026-08-17", "--force"], directory: dir.path).code == 0)
        let missing = CLIRun.run(["new", "--site", "nowhere"], directory: dir.path)
        #expect(missing.code == 6)
        #expect(missing.stderr.contains("nowhere/template.md: no such file"))
    }

    /// What `check` says of a fresh edition is exactly the template's own leftovers: bare
    /// bullets, empty sections, the empty Next Deadline, and nothing else.
    @Test func checkFlagsTheTemplateRulesOfAFreshEdition() throws {
        let dir = try site()
        _ = CLIRun.run(["new", "--now", "2026-08-12T23:59:00Z"], directory: dir.path)
        let post = try CheckedPost.read(
            Array(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/_posts/2026-08-16-update.md"))),
            path: "2026-08-16-update.md")
        let found = Checker(now: PostDate(parsing: "2026-08-16T23:00:00Z")!).findings(in: post)
        #expect(
            Set(found.map(\.rule)) == ["bare-list-item", "empty-section", "template-placeholder"],
            "\(found.map(\.line))")
        for finding in found {
            #expect(Rules.named(finding.rule)?.group == .template, "\(finding.line)")
        }
    }

    @Test func branchCreatesTheEditorsBranch() throws {
        let dir = try site()
        try #require(try git(["init", "-q", "-b", "main"], in: dir.path) == 0)
        #expect(try git(["add", "template.md"], in: dir.path) == 0)
        #expect(try git(["commit", "-q", "-m", "template"], in: dir.path) == 0)
        let run = CLIRun.run(["new", "2026-08-16", "--branch"], directory: dir.path)
        #expect(run.code == 0, "\(run.stderr)")
        let head = try String(contentsOfFile: dir.path + "/.git/HEAD", encoding: .utf8)
        #expect(head == "ref: refs/heads/20260816\n")
        let outside = try site()
        let refused = CLIRun.run(["new", "2026-08-16", "--branch"], directory: outside.path)
        #expect(refused.code == 64)
        #expect(refused.stderr.contains("is not a git checkout"))
    }

    // MARK: - stamp

    @Test func stampChangesOnlyTheDateLine() throws {
        let dir = try TemporaryDirectory()
        let lines = [
            "---", "layout: post # the layout", "title: \"Week Ending August 16, 2026\"",
            "date: \"2026-08-20 22:00:00 -0000\" # when it went out", "tags: [a, b]",
            "slug: 2026-08-16-update", "---", "", "## Developer News", "", "Hi.  ", "",
        ]
        let original = lines.joined(separator: "\r\n")
        let path = try dir.write("2026-08-16-update.md", original)
        let run = CLIRun.run(
            ["stamp", "2026-08-16-update.md", "--now", "2026-08-18T15:16:29-07:00"],
            directory: dir.path)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout == "2026-08-16-update.md: date: 2026-08-18 22:16:29 -0000\n")
        let after = try String(contentsOfFile: path, encoding: .utf8)
        var expected = lines
        expected[3] = "date: \"2026-08-18 22:16:29 -0000\" # when it went out"
        #expect(after == expected.joined(separator: "\r\n"))
    }

    @Test func stampAddsAMissingDateAndWarnsWhenThePermalinkMoves() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write(
            "2026-08-16-update.md",
            "---\ntitle: Week Ending August 16, 2026\nslug: 2026-08-16-update\n---\n\nHi.\n")
        let feed = try dir.write(
            "feed.xml",
            "<feed><entry><id>https://lwkd.info/2026/2026-08-16-update</id>"
                + "<link href=\"https://lwkd.info/2026/20260816\"/></entry></feed>")
        let run = CLIRun.run(
            ["stamp", path, "--now", "2026-08-18T22:16:29Z", "--feed", feed], directory: dir.path)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            try String(contentsOfFile: path, encoding: .utf8)
                == "---\ntitle: Week Ending August 16, 2026\nslug: 2026-08-16-update\ndate: 2026-08-18 22:16:29 -0000\n---\n\nHi.\n"
        )
        #expect(
            run.stderr.contains(
                "warning: the new date moves the permalink from https://lwkd.info/2026/20260816"),
            "\(run.stderr)")
        #expect(run.stderr.contains("to https://lwkd.info/2026/20260818"))
        #expect(!run.stderr.contains("feed id"), "the id follows the slug, which did not move")
    }

    @Test func theHookStampsTheNewestStagedPost() throws {
        let binary = Repository.builtProducts.appendingPathComponent("lwkdconv").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Issue.record("\(binary) is missing: run `swift build --product lwkdconv` (make test does)")
            return
        }
        let dir = try TemporaryDirectory()
        try #require(try git(["init", "-q", "-b", "main"], in: dir.path) == 0)
        let install = CLIRun.run(["stamp", "--install-hook"], directory: dir.path)
        #expect(install.code == 0, "\(install.stderr)")
        let hook = dir.path + "/.git/hooks/pre-commit"
        #expect(FileManager.default.isExecutableFile(atPath: hook))
        let twice = CLIRun.run(["stamp", "--install-hook"], directory: dir.path)
        #expect(twice.code == 7)
        #expect(twice.stderr.contains("pre-commit already exists"))

        try FileManager.default.createDirectory(
            atPath: dir.path + "/_posts", withIntermediateDirectories: true)
        let post = "_posts/2026-08-16-update.md"
        _ = try dir.write(
            post, "---\ntitle: Week Ending August 16, 2026\ndate: 2026-08-16 22:00:00 -0000\n---\n\nHi.\n")
        #expect(try git(["add", post], in: dir.path) == 0)
        let before = Date()
        #expect(
            try git(["commit", "-q", "-m", "edition"], in: dir.path, environment: ["LWKDCONV": binary])
                == 0)
        let committed = Process()
        committed.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        committed.arguments = ["git", "show", "HEAD:" + post]
        committed.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        let pipe = Pipe()
        committed.standardOutput = pipe
        try committed.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        committed.waitUntilExit()
        let line = text.split(separator: "\n").first { $0.hasPrefix("date: ") }.map(String.init)
        let stamped = try #require(line.flatMap { PostDate(parsing: String($0.dropFirst(6))) })
        #expect(line?.hasSuffix(" -0000") == true)
        #expect(abs(Double(stamped.unixTime) - before.timeIntervalSince1970) < 120)
    }
}
