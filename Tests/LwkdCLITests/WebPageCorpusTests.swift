import Foundation
import LwkdTestSupport
import Testing

/// Every corpus post's web page is one self-contained file (issue 17).
///
/// No stylesheet, script, frame or font to fetch, and no image but the post's own. The Nu
/// checker's verdict on the same pages is `scripts/validate-web.sh`.
@Suite(.enabled(if: Repository.shared != nil, Comment(rawValue: Repository.sharedMissing)))
struct WebPageCorpusTests {
    @Test func everyWebPageHoldsNoExternalResourceButThePostsImages() throws {
        let posts = Repository.corpusPosts
        #expect(posts.count > 100)
        for url in posts {
            let run = CLIRun.run([url.path, "--to", "html", "-q"])
            #expect(run.code == 0, "\(url.lastPathComponent): \(run.stderr)")
            let html = run.stdout
            let source = try String(contentsOf: url, encoding: .utf8)
            for banned in [
                "<script", "<link rel=\"stylesheet\"", "<iframe", "<object", "<embed", "@import",
                "url(",
            ] {
                #expect(!html.contains(banned), "\(url.lastPathComponent) holds \(banned)")
            }
            for match in html.matches(of: /<(\w+)[^>]*\ssrc="([^"]*)"/) {
                let tag = String(match.output.1)
                let src = String(match.output.2).replacingOccurrences(of: "&amp;", with: "&")
                #expect(tag == "img", "\(url.lastPathComponent): <\(tag) src>")
                let own = src.replacingOccurrences(of: "https://lwkd.info", with: "")
                let decoded = own.removingPercentEncoding ?? own
                let named =
                    source.contains(own) || source.contains(decoded)
                    || source.contains(String(decoded.drop { $0 == "/" }))
                #expect(named, "\(url.lastPathComponent): \(src) is not one of the post's images")
            }
        }
    }
}
