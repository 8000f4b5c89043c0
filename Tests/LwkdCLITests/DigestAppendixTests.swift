import Foundation
import Testing

/// The appendix chapters of a digest, on five real posts copied into `Commands/digest`.
@Suite struct DigestAppendixTests {
    func book(_ year: String, _ extra: [String] = []) throws -> (DigestRun, DigestBook) {
        let run = try DigestRun()
        try DigestFixtures.populate(run)
        let code = run.run(["digest", ".", "--year", year, "-o", "d.epub", "-q"] + extra)
        #expect(code == 0, "\(run.errors)")
        return (run, try DigestBook(try #require(run.file("d.epub"))))
    }

    @Test func appendixChaptersFollowTheWeeksInTheContents() throws {
        let (_, book) = try book("2022")
        let nav = book.text("nav.xhtml")
        let titles = [
            "Week Ending June 12, 2022", "Promotions", "Deprecations and removals",
            "Version updates", "Featured PRs and KEPs of the Week", "KEP index",
        ]
        var last = nav.startIndex
        for title in titles {
            // A chapter's entry links to its file (a week's sections link to fragments).
            let range = try #require(
                nav.range(of: ".xhtml\">\(title)</a>"), "\(title) in the contents")
            #expect(range.lowerBound > last, "\(title) comes after the one before")
            last = range.lowerBound
        }
        #expect(book.appendixFiles.count == 5)
        #expect(book.text("toc.ncx").contains("<text>KEP index</text>"))
    }

    @Test(arguments: ["2018", "2022"])
    func appendixHoldsExactlyTheSectionsItems(_ year: String) throws {
        let (_, book) = try book(year)
        let sources = try DigestFixtures.names.filter { $0.hasPrefix(year) }.map(
            DigestFixtures.source)
        for (title, names) in [
            ("Promotions", SourceCount.promotions),
            ("Deprecations and removals", SourceCount.deprecations),
            ("Version updates", SourceCount.versionUpdates),
        ] {
            let expected = sources.map { SourceCount.items(in: $0, sections: names) }.reduce(0, +)
            guard expected > 0 else {
                #expect(book.appendix(titled: title) == nil, "an empty \(title) is left out")
                continue
            }
            let file = try #require(book.appendix(titled: title), "\(title) chapter")
            #expect(book.topLevelItems(file).count == expected, "\(title) items")
            #expect(book.brokenLinks(in: file).isEmpty, "\(book.brokenLinks(in: file))")
        }
    }

    @Test func eachWeekLinksBackToItsSection() throws {
        let (_, book) = try book("2022")
        let file = try #require(book.appendix(titled: "Promotions"))
        let headings = book.elements(file).filter { $0.name == "h2" }
        #expect(headings.count == 2, "two 2022 posts have Promotions")
        let backLinks = book.internalLinks(file).filter { $0.contains("#promotions") }
        #expect(backLinks.count == 2, "\(book.internalLinks(file))")
        for link in backLinks {
            let target = String(link.prefix { $0 != "#" })
            #expect(
                book.text(target).contains(
                    "id=\"\(link.split(separator: "#")[1])\">Promotions</h2>"))
        }
        // The items keep their own links to GitHub.
        #expect(book.text(file).contains("https://github.com/kubernetes/kubernetes/pull/"))
    }

    @Test func featuredTitlesLinkToTheirHeadings() throws {
        let (_, book) = try book("2022")
        let file = try #require(book.appendix(titled: "Featured PRs and KEPs of the Week"))
        let text = book.text(file)
        #expect(
            text.contains("enhancements#3179: KEP-3178: Cleaning up IPTables Chain Ownership</a>"))
        #expect(book.brokenLinks(in: file).isEmpty, "\(book.brokenLinks(in: file))")
    }

    @Test func kepIndexListsEveryKEPWithTitlesAndWeeks() throws {
        let (_, book) = try book("2018")
        let file = try #require(book.appendix(titled: "KEP index"))
        let text = book.text(file)
        for label in ["KEP-0009", "KEP-0014", "KEP-0019"] {
            #expect(text.contains("<strong>\(label)</strong>"), "\(label)")
        }
        #expect(book.topLevelItems(file).count == 3)
        #expect(book.brokenLinks(in: file).isEmpty, "\(book.brokenLinks(in: file))")
        let (_, book2022) = try self.book("2022")
        let text2022 = book2022.text(try #require(book2022.appendix(titled: "KEP index")))
        #expect(
            text2022.contains("<strong>KEP-3178</strong>: Cleaning up IPTables Chain Ownership"))
        #expect(text2022.contains("<strong>KEP-3288</strong>: Split stdout and stderr log stream"))
    }

    @Test func noAppendixLeavesItOut() throws {
        let (_, book) = try book("2022", ["--no-appendix"])
        #expect(book.appendixFiles.isEmpty)
        #expect(!book.text("nav.xhtml").contains("KEP index"))
    }

    @Test func aYearWithoutSuchSectionsHasNoAppendix() throws {
        let run = try DigestRun()
        try DigestSamples.populate(run)
        #expect(run.run(["digest", ".", "--year", "2022", "-o", "d.epub", "-q"]) == 0)
        #expect(try DigestBook(try #require(run.file("d.epub"))).appendixFiles.isEmpty)
    }

    @Test func sectionNamesComeFromTheTheme() throws {
        let run = try DigestRun()
        try run.write(
            "_posts/2022-03-01-update.md",
            "---\ntitle: Week Ending February 27, 2022\ndate: 2022-03-01\n---\n\n## Graduations\n\n* [Foo is GA](https://example.org/foo)\n\n## Promotions\n\n* not gathered\n"
        )
        try run.write(
            "mine/theme.json",
            "{\"name\": \"mine\", \"variables\": {\"digest_sections_promotions\": \"graduations\", \"digest_title_promotions\": \"Graduated\"}}"
        )
        #expect(
            run.run(["digest", ".", "--year", "2022", "--theme", "./mine", "-o", "d.epub", "-q"])
                == 0, "\(run.errors)")
        let book = try DigestBook(try #require(run.file("d.epub")))
        let file = try #require(book.appendix(titled: "Graduated"))
        #expect(book.text(file).contains("Foo is GA"))
        #expect(!book.text(file).contains("not gathered"))
        #expect(book.topLevelItems(file).count == 1)
    }

    @Test func markdownAndPlainDigestsHoldTheAppendix() throws {
        let run = try DigestRun()
        try DigestFixtures.populate(run)
        #expect(run.run(["digest", ".", "--year", "2022", "--to", "markdown", "-q"]) == 0)
        let markdown = run.output
        #expect(markdown.contains("\n# Promotions\n"), "appendix chapter as a level-1 section")
        #expect(markdown.contains("\n# KEP index\n"))
        #expect(markdown.contains("](#promotions)"), "back links point inside the document")
        #expect(run.run(["digest", ".", "--year", "2022", "--to", "plain", "-q"]) == 0)
        #expect(run.output.contains("KEP-3178"))
        #expect(run.output.contains("Deprecations and removals"))
        #expect(run.run(["digest", ".", "--year", "2022", "--to", "json", "-q"]) == 0)
        #expect(run.output.contains("\"Featured PRs and KEPs of the Week\""))
    }
}
