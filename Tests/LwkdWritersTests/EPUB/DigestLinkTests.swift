import LwkdModel
import LwkdReaders
import LwkdTestSupport
@testable import LwkdWriters
import Testing

/// `Digest.post(linkedBy:)` finds the digest's own posts behind every form of their permalink.
/// ASCII links take a byte path; a link with a non-ASCII fragment takes the Character path,
/// so each case below is asked of both and they must agree.
@Suite struct DigestLinkTests {
    static func digest() throws -> Digest {
        let posts = try ["2026-03-01", "2026-03-08"].map { day in
            try MarkdownReader().read(
                Source(
                    text: "---\ntitle: Week Ending \(day)\ndate: \(day)\nslug: update\n---\n\nBody.\n",
                    path: "\(day)-update.md"), in: ReadContext()
            ).post()
        }
        return Digest(year: 2026, posts: posts)
    }

    static let cases: [(url: String, index: Int?, fragment: String?)] = [
        ("https://lwkd.info/2026/20260301", 0, nil),
        ("https://lwkd.info/2026/20260301/", 0, nil),
        ("https://lwkd.info/2026/20260301.html", 0, nil),
        ("https://lwkd.info/2026/20260301/index.html", 0, nil),
        ("HTTPS://LWKD.INFO/2026/20260308#news", 1, "news"),
        ("http://www.lwkd.info/2026/20260308?utm=x#", 1, nil),
        ("//lwkd.info/2026/20260308", 1, nil),
        ("/2026/20260308", 1, nil),
        ("https://example.com/2026/20260308", nil, nil),
        ("https://lwkd.info/2026/20260315", nil, nil),
        ("2026/20260308", nil, nil),
        ("", nil, nil),
        ("#top", nil, nil),
    ]

    @Test(arguments: cases)
    func findsThePostBehindALink(_ url: String, _ index: Int?, _ fragment: String?) throws {
        let digest = try Self.digest()
        let found = digest.post(linkedBy: url)
        #expect(found?.index == index, "\(url)")
        #expect(found?.fragment == fragment, "\(url)")
        // The same link with a non-ASCII fragment goes the Character way and agrees.
        let wide = url.contains("#") ? url + "é" : url + "#é"
        let other = digest.post(linkedBy: wide)
        #expect(other?.index == index, "\(wide)")
        if index != nil { #expect(other?.fragment == (fragment ?? "") + "é", "\(wide)") }
    }
}

/// KEP numbers in link destinations, in any case; the quick test for ASCII links that name no
/// KEP must not hide one that does.
@Suite struct DigestKEPLinkTests {
    @Test(arguments: [
        ("https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/127-user-namespaces", 127),
        ("https://github.com/kubernetes/enhancements/blob/master/KEPS/SIG-CLI/3104-kuberc/README.md", 3104),
        ("https://GitHub.com/Kubernetes/Enhancements/Issues/4222#issuecomment-1", 4222),
        ("https://github.com/kubernetes/enhancements/keps/123456-too-long", nil),
        ("https://github.com/kubernetes/kubernetes/pull/12345", nil),
        ("https://example.com/keps", nil),
        ("/keps/42", 42),
        ("https://example.com/\u{212A}EPS/7-kelvin", 7),
    ] as [(String, Int?)])
    func findsTheKEPALinkNames(_ url: String, _ number: Int?) {
        #expect(DigestKEPs.number(inDestination: url) == number, "\(url)")
    }
}
