/// Mastodon's limit on a status, counted as Mastodon counts it.
///
/// The server (`StatusLengthValidator`) replaces every URL it would link, a `http` or `https`
/// URL with a dotted host, by 23 characters whatever its length and counts the rest in
/// grapheme clusters; the web composer counts code points. The count here uses code points,
/// never fewer than either, so a status that fits is accepted by both.
public enum MastodonCount {
    /// At most this many characters (the default `max_toot_chars`).
    public static let maxCharacters = 500
    /// What each URL counts, whatever its length.
    public static let charactersPerURL = 23

    /// The characters of `text` as Mastodon counts them.
    public static func characters(_ text: String) -> Int {
        let scalars = Array(text.unicodeScalars)
        var count = 0
        var i = 0
        while i < scalars.count {
            if let end = urlEnd(in: scalars, at: i) {
                count += charactersPerURL
                i = end
            } else {
                count += 1
                i += 1
            }
        }
        return count
    }

    /// True when `text` is within the limit.
    public static func fits(_ text: String) -> Bool { characters(text) <= maxCharacters }

    /// Where the URL Mastodon would link at `start` ends (a scalar offset), or nil for none.
    static func urlEnd(in scalars: [Unicode.Scalar], at start: Int) -> Int? {
        if start > 0, isWordScalar(scalars[start - 1]) { return nil }
        var i = start
        for prefix in ["https://", "http://"] {
            let p = Array(prefix.unicodeScalars)
            if start + p.count <= scalars.count,
                zip(scalars[start..<start + p.count], p).allSatisfy({
                    $0.properties.lowercaseMapping == String($1)
                })
            {
                i = start + p.count
                break
            }
        }
        guard i > start else { return nil }
        let hostStart = i
        while i < scalars.count, isURLScalar(scalars[i]) { i += 1 }
        // Trailing punctuation ends the sentence, not the URL.
        while i > hostStart, ".,:;!?'\")]".unicodeScalars.contains(scalars[i - 1]) { i -= 1 }
        var hostEnd = hostStart
        while hostEnd < i, !"/?#".unicodeScalars.contains(scalars[hostEnd]) { hostEnd += 1 }
        let host = String(String.UnicodeScalarView(scalars[hostStart..<hostEnd]))
        let name = host.split(separator: "@").last?.split(separator: ":").first ?? ""
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }),
            let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter)
        else { return nil }
        return i
    }

    private static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_"
    }

    /// RFC 3986 unreserved, reserved and `%`: the ASCII a URL is written with.
    private static func isURLScalar(_ s: Unicode.Scalar) -> Bool {
        s.isASCII
            && (s.properties.isAlphabetic || ("0"..."9").contains(s)
                || "-._~:/?#[]@!$&'()*+,;=%".unicodeScalars.contains(s))
    }
}
