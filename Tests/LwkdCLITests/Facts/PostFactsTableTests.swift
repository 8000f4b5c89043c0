import Foundation
import LwkdCheck
import LwkdModel
import Testing
import ZIPFoundation

/// Issue 10: one title, one permalink, one date and one warning, whatever the writer.
///
/// Each variant is a post whose front matter goes wrong in one way. Every writer is run on it
/// through the CLI, and what each shows of the post's facts is read back out of its own output:
/// the subject and footer of the e-mail, the `<h1>` of the HTML page, EPUB's `dc:title`, the
/// Atom entry's title, link and id, the plain edition's first two lines, the digest's byline.
@Suite struct PostFactsTableTests {
    struct Variant: CustomStringConvertible, Sendable {
        var name: String
        var file: String = "2026-08-16-update.md"
        var frontMatter: [String]
        var title = "Week Ending August 16, 2026"
        var permalink: String
        var id: String? = nil
        var date: String
        /// The line of the one expected warning, nil for none.
        var warningLine: Int?
        var warning: String? = nil
        var description: String { name }
    }

    static let variants: [Variant] = [
        Variant(
            name: "valid",
            frontMatter: ["title: Week Ending August 16, 2026", "date: 2026-08-20 22:00:00 -0000"],
            permalink: "https://lwkd.info/2026/20260820", date: "August 20, 2026",
            warningLine: nil),
        Variant(
            name: "mistyped date",
            frontMatter: ["title: Week Ending August 16, 2026", "date: 2026-08-2O 22:00:00 -0000"],
            permalink: "https://lwkd.info/2026/20260816", date: "August 16, 2026", warningLine: 3,
            warning:
                "date '2026-08-2O 22:00:00 -0000' is not a date; using the file name's 2026-08-16"),
        Variant(
            name: "bad time",
            frontMatter: ["title: Week Ending August 16, 2026", "date: 2026-08-20 14:4g5:00 -0000"],
            permalink: "https://lwkd.info/2026/20260816", date: "August 16, 2026", warningLine: 3,
            warning: "is not a date; using the file name's 2026-08-16"),
        Variant(
            name: "impossible month and day",
            frontMatter: ["title: Week Ending August 16, 2026", "date: 2026-13-45"],
            permalink: "https://lwkd.info/2026/20260816", date: "August 16, 2026", warningLine: 3,
            warning: "date '2026-13-45' is not a date"),
        Variant(
            name: "February 30th",
            frontMatter: ["title: Week Ending August 16, 2026", "date: 2026-02-30 10:00:00 -0000"],
            permalink: "https://lwkd.info/2026/20260302", date: "March 2, 2026", warningLine: 3,
            warning: "is not a calendar date; Jekyll reads it as 2026-03-02"),
        Variant(
            name: "offset out of range",
            frontMatter: ["title: Week Ending August 16, 2026", "date: 2026-08-20 22:00:00 +9999"],
            permalink: "https://lwkd.info/2026/20260816", date: "August 16, 2026", warningLine: 3,
            warning: "is not a date"),
        Variant(
            name: "no date",
            frontMatter: ["title: Week Ending August 16, 2026"],
            permalink: "https://lwkd.info/2026/20260816", date: "August 16, 2026", warningLine: 1,
            warning: "no 'date:' in the front matter; using the file name's 2026-08-16"),
        Variant(
            name: "no title",
            frontMatter: ["date: 2026-08-20 22:00:00 -0000"],
            permalink: "https://lwkd.info/2026/20260820", date: "August 20, 2026", warningLine: 1,
            warning: "no 'title:' in the front matter; using 'Week Ending August 16, 2026'"),
        Variant(
            name: "titel typo",
            frontMatter: ["titel: Week Ending August 16, 2026", "date: 2026-08-20 22:00:00 -0000"],
            permalink: "https://lwkd.info/2026/20260820", date: "August 20, 2026", warningLine: 2,
            warning: "'titel:' looks like a typo of it"),
        Variant(
            name: "title is a list",
            frontMatter: ["title: [Week Ending, August 16]", "date: 2026-08-20 22:00:00 -0000"],
            permalink: "https://lwkd.info/2026/20260820", date: "August 20, 2026", warningLine: 2,
            warning: "'title:' is a list, not text"),
        Variant(
            name: "slug differs from the file name", file: "2026-08-20-special.md",
            frontMatter: [
                "title: Week Ending August 16, 2026", "date: 2026-08-20 22:00:00 -0000",
                "slug: 2026-08-16-update",
            ],
            permalink: "https://lwkd.info/2026/20260820",
            id: "https://lwkd.info/2026/2026-08-16-update", date: "August 20, 2026",
            warningLine: nil),
        Variant(
            name: "title without Week Ending",
            frontMatter: ["title: A Special Edition", "date: 2026-08-20 22:00:00 -0000"],
            title: "A Special Edition", permalink: "https://lwkd.info/2026/20260820",
            date: "August 20, 2026", warningLine: nil),
        Variant(
            name: "another zone",
            frontMatter: ["title: Week Ending August 16, 2026", "date: 2026-08-20 23:30:00 -0700"],
            permalink: "https://lwkd.info/2026/20260821", date: "August 21, 2026",
            warningLine: nil),
    ]

    static let body = """

        ## Developer News

        The [steering committee](https://github.com/kubernetes/steering) met this week.

        """

    func write(_ variant: Variant, in directory: TemporaryDirectory) throws -> String {
        let text = "---\n" + variant.frontMatter.joined(separator: "\n") + "\n---\n" + Self.body
        return try directory.write(variant.file, text)
    }

    /// The warning lines of a run about the facts; the publishing rules' findings (February
    /// 30 is before the week the title names, `[date-before-week]`) are `check`'s, tested there.
    func warnings(_ run: CLIRun) -> [String] {
        run.stderr.split(separator: "\n").map(String.init).filter { line in
            line.contains("warning:") && !Rules.all.contains { line.hasSuffix("[\($0.id)]") }
        }
    }

    func expectOneWarning(_ run: CLIRun, _ variant: Variant, _ format: String) {
        let found = warnings(run)
        if let line = variant.warningLine {
            #expect(found.count == 1, "\(variant) \(format): \(found)")
            #expect(
                found.first?.contains("\(variant.file):\(line):") == true,
                "\(variant) \(format): \(found)")
            if let warning = variant.warning {
                #expect(found.first?.contains(warning) == true, "\(variant) \(format): \(found)")
            }
        } else {
            #expect(found.isEmpty, "\(variant) \(format): \(found)")
        }
    }

    func first(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let range = Range(match.range(at: 1), in: text)
        else { return nil }
        return String(text[range])
    }

    func all(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    @Test(arguments: variants)
    func everyWriterAgreesOnTheFacts(_ variant: Variant) throws {
        let directory = try TemporaryDirectory()
        let post = try write(variant, in: directory)
        let dir = directory.path
        let subject = "LWKD: " + variant.title
        let id = variant.id ?? "https://lwkd.info/2026/" + String(FileName.stemWithoutDate(variant.file))

        let plain = CLIRun.run([post, "--to", "plain"], directory: dir)
        #expect(plain.code == 0)
        expectOneWarning(plain, variant, "plain")
        let lines = plain.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first.map(String.init) == variant.title, "\(variant) plain title")
        #expect(lines.dropFirst().first.map(String.init) == variant.date, "\(variant) plain date")

        let email = CLIRun.run([post, "--to", "html-email"], directory: dir)
        expectOneWarning(email, variant, "html-email")
        #expect(first(#"<h1[^>]*>(.*?)</h1>"#, in: email.stdout) == variant.title)
        #expect(first(#"<title>(.*?)</title>"#, in: email.stdout) == variant.title)
        #expect(first(#"<div class="date"[^>]*>(.*?)</div>"#, in: email.stdout) == variant.date)
        #expect(
            first(#"href="([^"]*)"[^>]*>View this issue online"#, in: email.stdout)
                == variant.permalink, "\(variant) e-mail footer")

        // An https unsubscribe URL: without one, the missing List-Unsubscribe is a warning too.
        let eml = CLIRun.run(
            [post, "--to", "eml", "--unsubscribe-url", "https://lwkd.info/u"], directory: dir)
        expectOneWarning(eml, variant, "eml")
        #expect(first(#"\r\nSubject: ([^\r]*)\r\n"#, in: eml.stdout) == subject)
        let unfolded = eml.stdout.replacingOccurrences(of: "=\r\n", with: "")
        #expect(
            unfolded.contains("View this issue online: \(variant.permalink)"),
            "\(variant) eml plain part")

        let html = CLIRun.run([post, "--to", "html"], directory: dir)
        expectOneWarning(html, variant, "html")
        #expect(first(#"<h1>(.*?)</h1>"#, in: html.stdout) == variant.title)

        let atom = CLIRun.run([post, "--to", "atom"], directory: dir)
        expectOneWarning(atom, variant, "atom")
        let entry = try #require(first(#"<entry>(.*)</entry>"#, in: atom.stdout))
        #expect(first(#"<title type="text">(.*?)</title>"#, in: entry) == variant.title)
        #expect(first(#"<id>(.*?)</id>"#, in: entry) == id, "\(variant) atom id")
        #expect(first(#"rel="alternate" type="text/html" href="([^"]*)""#, in: entry) == variant.permalink)

        let json = CLIRun.run([post, "--to", "json"], directory: dir)
        expectOneWarning(json, variant, "json")
        let facts = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])["facts"]
            as? [String: Any]
        #expect(facts?["title"] as? String == variant.title)
        #expect(facts?["permalink"] as? String == variant.permalink)
        #expect(facts?["subject"] as? String == subject)
        #expect(facts?["id"] as? String == id)

        let epubPath = dir + "/post.epub"
        let epub = CLIRun.run([post, "--to", "epub", "-o", epubPath], directory: dir)
        expectOneWarning(epub, variant, "epub")
        let archive = try Archive(url: URL(fileURLWithPath: epubPath), accessMode: .read)
        var opf = Data()
        if let member = archive["EPUB/package.opf"] {
            _ = try archive.extract(member) { opf.append($0) }
        }
        var titlePage = Data()
        if let member = archive["EPUB/titlepage.xhtml"] {
            _ = try archive.extract(member) { titlePage.append($0) }
        }
        let opfText = String(decoding: opf, as: UTF8.self)
        #expect(first(#"<dc:title>(.*?)</dc:title>"#, in: opfText) == variant.title)
        #expect(String(decoding: titlePage, as: UTF8.self).contains(variant.date), "\(variant) epub date")

        let digest = CLIRun.run(
            ["digest", dir, "--year", String(variant.permalink.dropFirst(18).prefix(4)), "--to", "markdown"],
            directory: dir)
        expectOneWarning(digest, variant, "digest")
        #expect(digest.stdout.contains("*\(variant.date) · <\(variant.permalink)>*"), "\(variant) digest byline")
        #expect(digest.stdout.contains("# \(variant.title)"), "\(variant) digest heading")

        if variant.warningLine != nil {
            for format in ["plain", "html-email", "eml", "atom", "epub", "json", "html"] {
                let strict = CLIRun.run(
                    [post, "--to", format, "--strict", "-o", dir + "/strict.out"], directory: dir)
                #expect(strict.code == 3, "\(variant) --strict \(format)")
                #expect(!FileManager.default.fileExists(atPath: dir + "/strict.out"))
            }
            let strictFeed = CLIRun.run(["feed", dir, "--strict"], directory: dir)
            #expect(strictFeed.code == 3, "\(variant) feed --strict")
        }
    }
}

extension FileName {
    /// `2026-08-16-update.md` → `update`.
    fileprivate static func stemWithoutDate(_ name: String) -> Substring {
        stem(name).dropFirst(11)
    }
}
