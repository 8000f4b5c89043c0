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

    /// Percent-encodes what a URL may not hold (one encoder for every writer).
    private func encodeSpaces(_ url: String) -> String { URLText.percentEncoded(url) }
}
