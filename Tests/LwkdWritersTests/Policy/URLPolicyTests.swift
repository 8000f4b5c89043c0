import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import LwkdWriters
import LwkdXML
import Testing

/// Issue 10: destinations real posts hold that are not quite URLs still give valid output.
@Suite struct URLPolicyTests {
    /// A remote image inside a link, `]`, a space and `|` in destinations, and `((url))`.
    static let post = """
        ---
        title: Week Ending August 16, 2026
        date: 2026-08-20 22:00:00 -0000
        ---

        ## Developer News

        [![CI status](https://testgrid.k8s.io/badge.svg)](https://testgrid.k8s.io/sig-release)
        is green again.

        The fix is [#123561](https://github.com/kubernetes/kubernetes/pull/123561]) and
        [the doc](<https://example.com/a b.html>) and [a table](https://example.com/q?a|b).

        See [the PR]((https://github.com/kubernetes/kubernetes/pull/134265)) too.

        """

    static func read(_ text: String = post, name: String = "2026-08-16-update.md") throws -> Post {
        let (document, map) = try MarkdownReader().readMapped(
            Source(text: text, path: name), in: ReadContext())
        return Post(document: document, sourceMap: map, site: .lwkd, diagnostics: DiagnosticSink())
    }

    /// The writer's output for the post, the content policy applied first as the CLI does.
    static func bytes(_ writer: any Writer, _ post: Post) throws -> [UInt8] {
        let context = WriteContext(generator: "lwkdconv test")
        return try writer.write(writer.prepared(post, in: context), in: context).bytes
    }

    static func html(_ writer: any Writer, _ post: Post) throws -> String {
        String(decoding: try bytes(writer, post), as: UTF8.self)
    }

    @Test func percentEncodingFollowsCmark() {
        #expect(URLText.percentEncoded("https://x.io/a b[1]|{}^`\\\"<>") == "https://x.io/a%20b%5B1%5D%7C%7B%7D%5E%60%5C%22%3C%3E")
        #expect(URLText.percentEncoded("https://x.io/%41%zz/é") == "https://x.io/%41%25zz/%C3%A9")
        #expect(URLText.percentEncoded("https://x.io/a-b_c.d~e?f=g&h#i") == "https://x.io/a-b_c.d~e?f=g&h#i")
    }

    /// Each set keeps letters, digits and exactly its own punctuation; every other ASCII
    /// byte is escaped.
    @Test func everyASCIIByteIsKeptOrEscapedByItsSet() {
        let sets: [(URLText.SafeSet, String)] = [
            (.href, "-_.+!*'(),#@?=;:/&$~"), (.uri, "-._~:/?#[]@!$&'()*+,;="), (.component, "-._~"),
        ]
        for (set, punctuation) in sets {
            for b in UInt8(0)..<128 where b != UInt8(ascii: "%") {
                let text = String(decoding: [b], as: UTF8.self)
                let kept = (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
                    || punctuation.utf8.contains(b)
                let hex = String(b, radix: 16, uppercase: true)
                let escaped = "%" + (hex.count == 1 ? "0" + hex : hex)
                #expect(
                    URLText.percentEncoded(text, keeping: set) == (kept ? text : escaped),
                    "byte \(b) in \(set)")
            }
        }
    }

    @Test func linkTargetsAreClassified() {
        #expect(LinkTarget("(https://x.io/a)") == .wrapped(url: "https://x.io/a"))
        #expect(LinkTarget("((https://x.io/a))") == .wrapped(url: "https://x.io/a"))
        #expect(LinkTarget("cloud.google.com/x") == .schemeless(url: "https://cloud.google.com/x"))
        #expect(LinkTarget("/2018/images/x.png") == .siteRoot)
        #expect(LinkTarget("javascript:alert(1)") == .forbidden(scheme: "javascript"))
        #expect(LinkTarget("data:image/png;base64,AA", isImage: true) == .absolute)
        #expect(LinkTarget("data:text/html,x") == .forbidden(scheme: "data"))
        #expect(LinkTarget("(see https://x.io") == .notURL)
        #expect(LinkTarget("#news") == .fragment)
        #expect(LinkTarget("apiserver_request_error_total") == .relative)
        // A legitimate parenthesis inside a URL is kept.
        #expect(LinkTarget("https://en.wikipedia.org/wiki/Go_(language)") == .absolute)
    }

    @Test(arguments: ["html", "html-email", "atom"])
    func hrefsAreValidAndNoLinkIsInsideALink(_ format: String) throws {
        let out = try Self.html(try Writers.named(format), try Self.read())
        let decoded = format == "atom" ? HTMLEntities.decode(out) : out
        #expect(decoded.contains("https://github.com/kubernetes/kubernetes/pull/123561%5D"))
        #expect(decoded.contains("https://example.com/a%20b.html"))
        #expect(decoded.contains("https://example.com/q?a%7Cb"))
        #expect(decoded.contains("href=\"https://github.com/kubernetes/kubernetes/pull/134265\""))
        #expect(!decoded.contains("lwkd.info/(https"))
        #expect(!decoded.contains("pull/123561]\""))
    }

    @Test func epubIsValidWithNoNestedLinks() throws {
        let bytes = try Self.bytes(try Writers.named("epub"), try Self.read())
        let epub = try EPUBFile(bytes)
        let chapter = epub.text("EPUB/chapter-001.xhtml")
        #expect(epub.xmlProblems.isEmpty, "\(epub.xmlProblems)")
        // The remote badge became its alt text inside the one link.
        #expect(chapter.contains("<a href=\"https://testgrid.k8s.io/sig-release\">CI status</a>"))
        #expect(!chapter.contains("pull/123561]"))
        #expect(chapter.contains("https://github.com/kubernetes/kubernetes/pull/134265\""))
    }

    @Test(
        .enabled(
            if: EPUBCheck.isInstalled, "epubcheck is not installed (apt-get install epubcheck)"))
    func epubCheckPassesTheFixtureAloneAndInADigest() throws {
        let single = try Self.bytes(try Writers.named("epub"), try Self.read())
        #expect(try EPUBCheck.problems(in: single, name: "urls") == [])
        #expect(try EPUBCheck.problems(in: try Self.digestBytes(), name: "urls-digest") == [])
    }

    static func digestBytes() throws -> [UInt8] {
        let other = Self.post.replacingOccurrences(of: "2026-08-20", with: "2026-08-27")
            .replacingOccurrences(of: "August 16", with: "August 23")
        let digest = Digest(
            year: 2026,
            posts: [try Self.read(), try Self.read(other, name: "2026-08-23-update.md")].map {
                EPUBWriter().prepared($0, in: WriteContext())
            })
        return try EPUBWriter().writeDigest(digest, in: WriteContext(generator: "lwkdconv test"))
            .bytes
    }

    @Test func digestOfTheFixtureIsWellFormed() throws {
        let epub = try EPUBFile(try Self.digestBytes())
        #expect(epub.xmlProblems.isEmpty, "\(epub.xmlProblems)")
        #expect(epub.paths.contains("EPUB/chapter-002.xhtml"))
    }
}

/// Enough entity decoding to read Atom's escaped HTML content.
enum HTMLEntities {
    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }
}
