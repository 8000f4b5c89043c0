import Foundation
import LwkdCLI
import LwkdXML
import Synchronization
import Testing
import ZIPFoundation

/// Runs `lwkdconv` in-process in a scratch directory and captures what it prints.
final class DigestRun: Sendable {
    let directory: URL
    private let stdout = Mutex<[UInt8]>([])
    private let stderr = Mutex<String>("")

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lwkd-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    func write(_ path: String, bytes: [UInt8]) throws {
        let url = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    func file(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: directory.appendingPathComponent(path).path).map {
            Array($0)
        }
    }

    var output: String { String(decoding: stdout.withLock { $0 }, as: UTF8.self) }
    var errors: String { stderr.withLock { $0 } }

    @discardableResult
    func run(_ arguments: [String], stderrIsTerminal: Bool = false) -> Int32 {
        stdout.withLock { $0 = [] }
        stderr.withLock { $0 = "" }
        let environment = CLIEnvironment(
            readStandardInput: { [] },
            writeStandardOutput: { bytes in self.stdout.withLock { $0 += bytes } },
            writeStandardError: { text in self.stderr.withLock { $0 += text } },
            isStandardOutputTerminal: false, isStandardErrorTerminal: stderrIsTerminal,
            currentDirectory: directory.path)
        return LwkdMain.run(arguments, environment: environment)
    }
}

/// Posts in the newsletter's shape, written for these tests.
enum DigestSamples {
    static func post(title: String, date: String, body: String = "") -> String {
        "---\nlayout: post\ntitle: \(title)\ndate: \(date) 22:00:00 -0000\n---\n\n## Developer News\n\nNews of \(title).\n\(body)\n## Release Schedule\n\nOn track.\n"
    }

    static func populate(_ run: DigestRun) throws {
        try run.write(
            "_posts/2022-01-09-update.md",
            post(title: "Week Ending January 9, 2022", date: "2022-01-10"))
        try run.write(
            "_posts/2022-01-16-update.md",
            post(
                title: "Week Ending January 16, 2022", date: "2022-01-17",
                body: "\nSee [last week](/2022/20220110).\n\n![chart](/2022/images/c.png)\n"))
        try run.write(
            "_posts/2021-12-26-update.md",
            post(title: "Week Ending December 26, 2021", date: "2021-12-27"))
        try run.write(
            "2022/images/c.png",
            bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0])
    }
}

@Suite struct DigestCommandTests {
    @Test func jsonDigestHasPostsInDateOrder() throws {
        let run = try DigestRun()
        try DigestSamples.populate(run)
        #expect(run.run(["digest", ".", "--year", "2022", "--to", "json"]) == 0, "\(run.errors)")
        let json = run.output
        let first = try #require(json.range(of: "Week Ending January 9, 2022"))
        let second = try #require(json.range(of: "Week Ending January 16, 2022"))
        #expect(first.lowerBound < second.lowerBound)
        #expect(!json.contains("December 26"))
        #expect(json.contains("\"destination\" : \"#week-ending-january-9-2022\""))
    }

    @Test func epubDigestEmbedsImagesAndIsReproducible() throws {
        let run = try DigestRun()
        try DigestSamples.populate(run)
        let arguments = ["digest", "_posts", "--year", "2022", "--resource-path", "."]
        #expect(run.run(arguments + ["-o", "a.epub"]) == 0, "\(run.errors)")
        #expect(run.run(arguments + ["-o", "b.epub"]) == 0)
        let a = try #require(run.file("a.epub"))
        #expect(a == run.file("b.epub"))
        let archive = try Archive(data: Data(a), accessMode: .read)
        var paths: [String] = []
        for entry in archive {
            paths.append(entry.path)
            guard [".xhtml", ".opf", ".ncx", ".xml"].contains(where: entry.path.hasSuffix) else {
                continue
            }
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            #expect(
                XMLCheck.problems(in: String(decoding: data, as: UTF8.self)).isEmpty,
                "\(entry.path)")
        }
        #expect(paths.contains("EPUB/images/c.png"))
        #expect(paths.contains("EPUB/chapter-002.xhtml"))
        #expect(!paths.contains("EPUB/chapter-003.xhtml"))
    }

    @Test func epubStylesheetComesFromTheTheme() throws {
        let run = try DigestRun()
        try DigestSamples.populate(run)
        try run.write("mytheme/theme.json", "{\"name\": \"mytheme\"}")
        try run.write("mytheme/epub.css", "body { color: #123456; }\n")
        let code = run.run([
            "digest", ".", "--year", "2022", "--theme", "./mytheme", "-o", "t.epub",
        ])
        #expect(code == 0, "\(run.errors)")
        let archive = try Archive(data: Data(try #require(run.file("t.epub"))), accessMode: .read)
        let entry = try #require(archive["EPUB/style.css"])
        var css = Data()
        _ = try archive.extract(entry) { css.append($0) }
        #expect(String(decoding: css, as: UTF8.self) == "body { color: #123456; }\n")
    }

    @Test func noPostsForTheYearListsTheYearsFound() throws {
        let run = try DigestRun()
        try DigestSamples.populate(run)
        #expect(run.run(["digest", ".", "--year", "2019", "--to", "json"]) == 6)
        #expect(run.errors.contains("lwkdconv: no posts dated 2019 in . (years found: 2021, 2022)"))
        #expect(run.output.isEmpty)
    }

    @Test func parseFailureNamesFileAndLineUnlessKeepGoing() throws {
        let run = try DigestRun()
        try DigestSamples.populate(run)
        try run.write(
            "_posts/2022-01-23-update.md",
            "---\ntitle: broken\ndate: 2022-01-24\n\nno closing line\n")
        #expect(run.run(["digest", ".", "--year", "2022", "--to", "json", "-o", "out.json"]) == 6)
        #expect(run.errors.contains("_posts/2022-01-23-update.md:1:"), "\(run.errors)")
        #expect(run.file("out.json") == nil)
        #expect(
            run.run([
                "digest", ".", "--year", "2022", "--to", "json", "-o", "out.json", "--keep-going",
            ]) == 0)
        #expect(
            run.errors.contains("warning: skipped: _posts/2022-01-23-update.md:1:"), "\(run.errors)"
        )
        #expect(run.file("out.json") != nil)
    }

    @Test func duplicateSlugsAndMissingDatesWarn() throws {
        let run = try DigestRun()
        try run.write("a.md", "---\ntitle: A\ndate: 2022-03-01\nslug: same\n---\n\nA.\n")
        try run.write("b.md", "---\ntitle: B\ndate: 2022-03-08\nslug: same\n---\n\nB.\n")
        try run.write("undated.md", "---\ntitle: C\n---\n\nC.\n")
        #expect(
            run.run(["digest", "a.md", "b.md", "undated.md", "--year", "2022", "--to", "markdown"])
                == 0)
        #expect(
            run.errors.contains("b.md: warning: duplicate slug 'same' (also in a.md)"),
            "\(run.errors)")
        #expect(
            run.errors.contains("undated.md: warning: skipped: not a dated post"), "\(run.errors)")
        #expect(
            run.run(["digest", "a.md", "b.md", "--year", "2022", "--to", "markdown", "--quiet"])
                == 0)
        #expect(run.errors.isEmpty)
    }

    @Test func progressBarOnlyOnATerminal() throws {
        let run = try DigestRun()
        try DigestSamples.populate(run)
        run.run(["digest", ".", "--year", "2022", "--to", "json"])
        #expect(!run.errors.contains("["))
        run.run(["digest", ".", "--year", "2022", "--to", "json"], stderrIsTerminal: true)
        // The 2021 post is left out by its date before reading: two posts are read.
        #expect(run.errors.contains("2/2"))
        run.run(
            ["digest", ".", "--year", "2022", "--to", "json", "--quiet"], stderrIsTerminal: true)
        #expect(run.errors.isEmpty)
    }

    @Test func imageOutsideTheResourcePathIsRefused() throws {
        let run = try DigestRun()
        try run.write("secret.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        try run.write("site/2022-01-09-update.md", "---\ntitle: T\n---\n\n![x](../secret.png)\n")
        try FileManager.default.createDirectory(
            at: run.directory.appendingPathComponent("site/res"), withIntermediateDirectories: true)
        #expect(
            run.run([
                "site/2022-01-09-update.md", "--to", "epub", "-o", "t.epub", "--resource-path",
                "site/res",
            ]) == 6)
        // The post's fault, at its line (issue 15, item 12): exit 6, not "output not written".
        #expect(
            run.errors.contains(
                "site/2022-01-09-update.md:5:1: ../secret.png: image path leads outside every --resource-path directory"
            ),
            "\(run.errors)")
        #expect(run.file("t.epub") == nil)
    }

    @Test func symbolicLinkOutOfTheResourcePathIsRefused() throws {
        let run = try DigestRun()
        try run.write("secret.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        try run.write("res/keep", "")
        try FileManager.default.createSymbolicLink(
            atPath: run.directory.appendingPathComponent("res/link.png").path,
            withDestinationPath: run.directory.appendingPathComponent("secret.png").path)
        try run.write("2022-01-09-update.md", "---\ntitle: T\n---\n\n![x](link.png)\n")
        #expect(
            run.run([
                "2022-01-09-update.md", "--to", "epub", "-o", "t.epub", "--resource-path", "res",
            ]) == 6)
        #expect(
            run.errors.contains(
                "2022-01-09-update.md:5:1: link.png: image path leads outside every --resource-path directory (symbolic link)"
            ), "\(run.errors)")
    }

    @Test func missingResourceDirectoryIsAUsageError() throws {
        let run = try DigestRun()
        try run.write("2022-01-09-update.md", "---\ntitle: T\n---\n\nText.\n")
        #expect(
            run.run([
                "2022-01-09-update.md", "--to", "epub", "-o", "t.epub", "--resource-path", "nope",
            ]) == 64)
        #expect(run.errors.contains("--resource-path nope: no such directory"))
    }
}
