import LwkdModel

/// Makes every link and image URL in an e-mail absolute: clients have no base URL to resolve
/// against, and a fragment link cannot work outside the web page.
struct EmailURLResolver: Sendable {
    let site: Site
    let permalink: String?

    /// The absolute form of `url`.
    func resolve(_ url: String) -> String {
        let trimmed = url.trimmed
        if trimmed.isEmpty { return permalink ?? site.baseURL + "/" }
        if trimmed.hasPrefix("#") { return (permalink ?? site.baseURL + "/") + trimmed }
        if URLText.hasScheme(trimmed) { return encodeSpaces(trimmed) }
        if trimmed.hasPrefix("//") { return encodeSpaces("https:" + trimmed) }
        if URLText.looksLikeHost(trimmed) { return encodeSpaces("https://" + trimmed) }
        return encodeSpaces(site.absolute(trimmed))
    }

    /// Reports scheme-less links (`cloud.google.com/x`) and relative URLs resolved without an
    /// explicit `--base-url`, once per URL.
    static func diagnose(
        _ document: Document, hasExplicitBase: Bool, site: Site, into sink: DiagnosticSink
    ) {
        var seen: Set<String> = []
        var sawRelative = false
        for url in document.urls where seen.insert(url).inserted {
            let trimmed = url.trimmed
            if trimmed.isEmpty || trimmed.hasPrefix("#") || URLText.hasScheme(trimmed)
                || trimmed.hasPrefix("//")
            {
                continue
            }
            if URLText.looksLikeHost(trimmed) {
                sink.warn("link '\(trimmed)' has no scheme; written as https://\(trimmed)")
            } else {
                sawRelative = true
            }
        }
        if sawRelative, !hasExplicitBase {
            sink.warn("relative links resolved against \(site.baseURL) (no --base-url given)")
        }
    }

    private func encodeSpaces(_ url: String) -> String {
        guard url.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) else { return url }
        var out = ""
        for c in url {
            switch c {
            case " ": out += "%20"
            case "\t", "\n", "\r": continue
            default: out.append(c)
            }
        }
        return out
    }
}
