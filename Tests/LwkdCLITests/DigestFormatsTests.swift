import Foundation
import Testing

/// What a digest is in each format, several years, the cover, Kindle's limits, and choosing
/// the year's posts before parsing.
@Suite struct DigestFormatsTests {
    @Test(arguments: ["eml", "html-email"])
    func mailFormatsRefuseAYearButTakeTheAppendix(_ format: String) throws {
        let run = try DigestRun()
        try DigestFixtures.populate(run)
        let arguments = ["digest", ".", "--year", "2022", "--to", format, "-o", "d.out"]
        #expect(run.run(arguments) == 7)
        #expect(
            run.errors.contains(
                "does not fit in an e-mail (Gmail clips messages over 102 KB); give --appendix-only"
            ),
            "\(run.errors)")
        #expect(run.file("d.out") == nil)
        #expect(run.run(arguments + ["--appendix-only", "-q"]) == 0, "\(run.errors)")
        let text = String(decoding: try #require(run.file("d.out")), as: UTF8.self)
        #expect(text.contains("Promotions"))
        #expect(!text.contains("Enhancements Freeze has been"), "no post text, only the appendix")
    }

    @Test func atomDigestIsTheFeedOfTheYear() throws {
        let run = try DigestRun()
        try DigestFixtures.populate(run)
        #expect(
            run.run(["digest", ".", "--year", "2022", "--to", "atom", "-o", "d.atom", "-q"]) == 0)
        let names = DigestFixtures.names.filter { $0.hasPrefix("2022") }.map { "_posts/" + $0 }
        #expect(run.run(["feed"] + names + ["--limit", "0", "-o", "f.atom", "-q"]) == 0)
        let digest = try #require(run.file("d.atom"))
        #expect(digest == run.file("f.atom"), "same entries, ids, links and updated as feed")
        #expect(
            String(decoding: digest, as: UTF8.self).components(separatedBy: "<entry>").count == 4)
    }

    @Test func severalYearsMakeOneBookWithAPartPerYear() throws {
        let run = try DigestRun()
        try DigestFixtures.populate(run)
        #expect(
            run.run(["digest", ".", "--year", "2018..2022", "-o", "r.epub", "-q"]) == 0,
            "\(run.errors)")
        #expect(
            run.run(["digest", ".", "--year", "2018", "--year", "2022", "-o", "y.epub", "-q"]) == 0)
        let range = try #require(run.file("r.epub"))
        let book = try DigestBook(range)
        let nav = book.text("nav.xhtml")
        // Year, then its weeks and appendix one level down.
        let year2018 = try #require(nav.range(of: ">2018</a>\n<ol>\n"))
        let year2022 = try #require(nav.range(of: ">2022</a>\n<ol>\n"))
        #expect(year2018.lowerBound < year2022.lowerBound)
        let part2018 = nav[year2018.upperBound..<year2022.lowerBound]
        #expect(part2018.contains(">Week Ending August 19, 2018</a>"))
        #expect(part2018.contains(">KEP index 2018</a>"))
        #expect(!part2018.contains("#"), "two levels: no section entries")
        #expect(nav[year2022.upperBound...].contains(">Promotions 2022</a>"))
        #expect(
            book.paths.filter {
                $0.hasSuffix(".xhtml") && (book.members[$0] ?? "").contains("epub:type=\"part\"")
            }.count == 2)
        #expect(
            book.text("package.opf").contains(
                "<dc:title>Last Week in Kubernetes Development: 2018–2022</dc:title>"))
        for file in book.appendixFiles { #expect(book.brokenLinks(in: file).isEmpty, "\(file)") }
        let repeated = try DigestBook(try #require(run.file("y.epub")))
        #expect(repeated.text("nav.xhtml") == nav, "repeated --year is the same book")
    }

    @Test(arguments: ["twenty", "2022..", "2022..2019", "2022...2023"])
    func badYearIsAUsageError(_ value: String) throws {
        let run = try DigestRun()
        try DigestFixtures.populate(run)
        #expect(run.run(["digest", ".", "--year", value, "--to", "json"]) == 64)
        #expect(run.errors.contains("--year"), "\(run.errors)")
    }

    @Test func coverIsDeclaredAndFirstInTheSpine() throws {
        let run = try DigestRun()
        try DigestFixtures.populate(run)
        #expect(run.run(["digest", ".", "--year", "2022", "-o", "d.epub", "-q"]) == 0)
        #expect(run.run(["digest", ".", "--year", "2022", "-o", "e.epub", "-q"]) == 0)
        let bytes = try #require(run.file("d.epub"))
        #expect(bytes == run.file("e.epub"), "reproducible, cover included")
        let book = try DigestBook(bytes)
        let opf = book.text("package.opf")
        #expect(
            opf.contains(
                "href=\"cover.svg\" media-type=\"image/svg+xml\" properties=\"cover-image\""))
        #expect(opf.contains("<meta name=\"cover\" content=\"cover-image\"/>"))
        let spine = try #require(opf.range(of: "<spine toc=\"ncx\">\n"))
        #expect(opf[spine.upperBound...].hasPrefix("    <itemref idref=\"cover\"/>"))
        let svg = book.text("cover.svg")
        for text in [
            ">Kubernetes</text>", ">2022</text>", ">3 issues</text>",
            ">January 18 – June 15, 2022</text>", "fill=\"#326ce5\"",
        ] {
            #expect(svg.contains(text), "\(text) on the cover")
        }
        #expect(
            book.text("cover.xhtml").contains(
                "<img src=\"cover.svg\" alt=\"Cover: Last Week in Kubernetes Development, 2022. 3 issues"
            ))
    }

    @Test func themeSuppliesItsOwnCoverImage() throws {
        let run = try DigestRun()
        try DigestFixtures.populate(run, only: "2022")
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        png += Array("IHDR".utf8) + [0, 0, 0x06, 0x40, 0, 0, 0x0A, 0] + [8, 2, 0, 0, 0]
        try run.write("res/my-cover.png", bytes: png)
        try run.write(
            "mine/theme.json",
            "{\"name\": \"mine\", \"variables\": {\"cover_image\": \"my-cover.png\"}}")
        let code = run.run([
            "digest", ".", "--year", "2022", "--theme", "./mine", "--resource-path", "res", "-o",
            "d.epub", "-q",
        ])
        #expect(code == 0, "\(run.errors)")
        let book = try DigestBook(try #require(run.file("d.epub")))
        #expect(
            book.text("package.opf").contains(
                "href=\"cover.png\" media-type=\"image/png\" properties=\"cover-image\""))
        #expect(book.members["EPUB/cover.svg"] == nil)
    }

    @Test func imagesOverKindlesLimitsAreLinkedWithAWarning() throws {
        let run = try DigestRun()
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        png += Array("IHDR".utf8) + [0, 0, 0x13, 0x88, 0, 0, 0, 100] + [8, 2, 0, 0, 0]
        try run.write("images/wide.png", bytes: png)
        try run.write(
            "_posts/2022-03-01-update.md",
            "---\ntitle: Week Ending February 27, 2022\ndate: 2022-03-01\n---\n\n![chart](/images/wide.png)\n"
        )
        #expect(
            run.run(["digest", ".", "--year", "2022", "--resource-path", ".", "-o", "d.epub"]) == 0)
        #expect(
            run.errors.contains("is 5000×100 px, over Kindle's limit of 4000 px a side"),
            "\(run.errors)")
        let book = try DigestBook(try #require(run.file("d.epub")))
        #expect(!book.paths.contains("EPUB/images/wide.png"))
    }

    @Test func otherYearsArePickedOutBeforeParsing() throws {
        let run = try DigestRun()
        try DigestSamples.populate(run)
        // Parsing this 2021 post would warn about its nesting; picked out by its date first, it
        // is never parsed.
        try run.write(
            "_posts/2021-06-01-deep.md",
            "---\ntitle: Deep\ndate: 2021-06-01\n---\n\n" + String(repeating: ">", count: 80)
                + " deep\n")
        #expect(run.run(["digest", ".", "--year", "2021", "--to", "json"]) == 0)
        #expect(run.errors.contains("2021-06-01-deep.md"), "parsed for 2021: \(run.errors)")
        #expect(run.run(["digest", ".", "--year", "2022", "--to", "json"]) == 0)
        #expect(!run.errors.contains("deep"), "not parsed for 2022: \(run.errors)")
        run.run(["digest", ".", "--year", "2022", "--to", "json"], stderrIsTerminal: true)
        #expect(run.errors.contains("2/2"), "only 2022's two posts are read: \(run.errors)")
        // A quoted date (read through YAML) and a file name's date are picked out as early.
        let deep = String(repeating: ">", count: 80) + " deep\n"
        try run.write(
            "_posts/2021-07-01-quoted.md", "---\ntitle: Q\ndate: \"2021-07-01\"\n---\n\n" + deep)
        try run.write("_posts/2021-08-01-named.md", "---\ntitle: N\n---\n\n" + deep)
        #expect(run.run(["digest", ".", "--year", "2022", "--to", "json"]) == 0)
        #expect(!run.errors.contains("deep"), "not parsed for 2022: \(run.errors)")
        #expect(run.run(["digest", ".", "--year", "2021", "--to", "json"]) == 0)
        #expect(run.errors.contains("2021-07-01-quoted.md"), "\(run.errors)")
        #expect(run.errors.contains("2021-08-01-named.md"), "\(run.errors)")
    }
}
