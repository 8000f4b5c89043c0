import Foundation
import LwkdTestSupport
import Testing

/// The appendix, the cover and conformance on the real corpus in `../shared` (absent in a
/// plain clone, so these are skipped there, saying so).
@Suite(.enabled(if: Repository.shared != nil, Comment(rawValue: Repository.sharedMissing)))
struct DigestCorpusAppendixTests {
    static var corpus: String { (Repository.shared?.path ?? "") + "/corpus" }

    /// The corpus posts Jekyll dates in `year` (by their `date:` line, else their file name),
    /// as Markdown text.
    static func sources(of year: Int) throws -> [String] {
        let folder = corpus + "/_posts"
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted().compactMap {
            let text = try String(contentsOfFile: folder + "/" + $0, encoding: .utf8)
            let date = text.split(separator: "\n").first { $0.hasPrefix("date:") }
            let isOfYear = date.map { $0.contains(" \(year)-") } ?? $0.hasPrefix("\(year)-")
            return isOfYear ? text : nil
        }
    }

    static func digest(_ year: String, _ run: DigestRun, to file: String = "d.epub") throws
        -> DigestBook
    {
        let code = run.run([
            "digest", corpus, "--year", year, "--resource-path", corpus, "-o", file, "-q",
        ])
        #expect(code == 0, "\(run.errors)")
        return try DigestBook(try #require(run.file(file)))
    }

    @Test(arguments: [2018, 2020, 2022])
    func appendixHoldsEveryPromotionDeprecationAndVersionUpdate(_ year: Int) throws {
        let run = try DigestRun()
        let book = try Self.digest(String(year), run)
        let sources = try Self.sources(of: year)
        for (title, names) in [
            ("Promotions", SourceCount.promotions),
            ("Deprecations and removals", SourceCount.deprecations),
            ("Version updates", SourceCount.versionUpdates),
        ] {
            let expected = sources.map { SourceCount.items(in: $0, sections: names) }.reduce(0, +)
            let file = book.appendix(titled: title)
            #expect(
                file.map { book.topLevelItems($0).count } ?? 0 == expected,
                "\(year) \(title): \(expected) items in the posts")
        }
        for file in book.appendixFiles {
            #expect(
                book.brokenLinks(in: file).isEmpty, "\(year) \(file): \(book.brokenLinks(in: file))"
            )
        }
    }

    /// A whole year does not fit in an e-mail, but its appendix does: every year's
    /// `--appendix-only` HTML e-mail stays under Gmail's 102,000-byte clipping size, with no
    /// clipping warning, while the whole book is refused.
    @Test(arguments: [2018, 2020, 2022])
    func appendixAloneFitsInAnEmail(_ year: Int) throws {
        let run = try DigestRun()
        let code = run.run([
            "digest", Self.corpus, "--year", String(year), "--appendix-only", "--to", "html-email",
            "--resource-path", Self.corpus, "-o", "a.html",
        ])
        #expect(code == 0, "\(run.errors)")
        let size = try #require(run.file("a.html")).count
        #expect(size < 102_000, "\(year): the appendix e-mail is \(size) bytes")
        #expect(!run.errors.contains("Gmail clips"), "\(run.errors)")
        let whole = try DigestRun()
        #expect(
            whole.run([
                "digest", Self.corpus, "--year", String(year), "--to", "html-email", "-o", "b.html",
            ]) != 0)
        #expect(whole.errors.contains("--appendix-only"), "\(whole.errors)")
    }

    /// Every KEP number a regex finds in the year's link destinations is in the index, and the
    /// index holds no number that neither a destination nor a `KEP-NNNN` text gives.
    @Test func kepIndexOf2022ListsEveryKEPTheLinksName() throws {
        let run = try DigestRun()
        let book = try Self.digest("2022", run)
        let file = try #require(book.appendix(titled: "KEP index"))
        let listed = Set(
            book.topLevelItems(file).compactMap { item -> Int? in
                guard
                    case .element(let strong)? = item.children.first(where: {
                        if case .element(let e) = $0, e.name == "strong" { true } else { false }
                    }), case .text(let label)? = strong.children.first
                else { return nil }
                return Int(label.dropFirst("KEP-".count))
            })
        let text = try Self.sources(of: 2022).joined(separator: "\n")
        let destinations = try Regex(#"\]\(([^)\s]+)"#)
        let kepPath = try Regex(#"keps/(?:sig-[a-z-]+/)?0*(\d+)-"#)
        let issue = try Regex(#"kubernetes/enhancements/issues/(\d+)"#)
        var linked = Set<Int>()
        for match in text.matches(of: destinations) {
            let url = String(text[match.range]).lowercased()
            for pattern in [kepPath, issue] {
                for found in url.matches(of: pattern) {
                    if let n = found.output[1].substring.flatMap({ Int($0) }) { linked.insert(n) }
                }
            }
        }
        var mentioned = Set<Int>()
        for found in text.matches(of: try Regex(#"\bKEP[- ]?0*(\d+)\b"#)) {
            if let n = found.output[1].substring.flatMap({ Int($0) }) { mentioned.insert(n) }
        }
        #expect(!linked.isEmpty)
        #expect(
            linked.subtracting(listed).isEmpty, "missing: \(linked.subtracting(listed).sorted())")
        #expect(
            listed.subtracting(linked.union(mentioned)).isEmpty,
            "invented: \(listed.subtracting(linked.union(mentioned)).sorted())")
    }

    /// EPUBCheck 5.3 (through ../shared/validate) on the three yearly books and a 2018..2022
    /// book: 0 errors, 0 warnings; their XML members pass validate-xhtml.
    @Test func booksPassEPUBCheckAndValidateXHTML() throws {
        let validate = (Repository.shared?.path ?? "") + "/validate"
        let run = try DigestRun()
        var files: [String] = []
        for year in ["2018", "2020", "2022", "2018..2022"] {
            let name = "lwkd-\(year.replacingOccurrences(of: "..", with: "-")).epub"
            _ = try Self.digest(year, run, to: name)
            files.append(run.directory.appendingPathComponent(name).path)
        }
        let epub = try Tool.run(validate + "/validate-epub", ["-q"] + files)
        #expect(
            epub.status == 0 && epub.output.contains("4 files, 0 errors, 0 warnings"),
            "\(epub.output)")
        let xhtml = try Tool.run(validate + "/validate-xhtml", ["-q"] + files)
        #expect(xhtml.status == 0 && xhtml.output.contains(" 0 errors"), "\(xhtml.output)")
    }
}

/// calibre's `ebook-convert` on the 2018 digest, with its images.
///
/// What Kindle conversion does; skipped, saying so, when calibre or ../shared is absent.
@Suite(
    .enabled(if: Repository.shared != nil, Comment(rawValue: Repository.sharedMissing)),
    .enabled(
        if: Tool.which("ebook-convert") != nil,
        "calibre's ebook-convert is not installed (apt-get install calibre); Kindle conversion not tested"
    ))
struct DigestCalibreTests {
    @Test(arguments: ["azw3", "mobi"])
    func calibreConvertsThe2018DigestWithoutErrors(_ format: String) throws {
        let run = try DigestRun()
        _ = try DigestCorpusAppendixTests.digest("2018", run)
        let input = run.directory.appendingPathComponent("d.epub").path
        let output = run.directory.appendingPathComponent("d." + format).path
        let result = try Tool.run(try #require(Tool.which("ebook-convert")), [input, output])
        #expect(result.status == 0, "\(result.output)")
        let errors = result.output.split(separator: "\n").filter {
            $0.localizedCaseInsensitiveContains("error") || $0.contains("Traceback")
        }
        #expect(errors.isEmpty, "\(errors)")
        #expect((run.file("d." + format)?.count ?? 0) > 100_000)
    }
}

/// Runs an outside program for a test.
enum Tool {
    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (
        status: Int32, output: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
