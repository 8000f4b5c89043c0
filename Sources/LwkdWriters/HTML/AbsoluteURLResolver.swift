import LwkdModel

/// Makes every link and image URL absolute, for e-mail and feeds: their readers have no base
/// URL to resolve against, and a fragment link cannot work outside the web page.
struct AbsoluteURLResolver: Sendable {
    let site: Site
    /// The post's own address, which empty and fragment links point into.
    let permalink: String?

    /// The absolute form of `url` (``Site/absolute(_:)``), percent-encoded into a valid URL.
    func resolve(_ url: String) -> String {
        let trimmed = url.trimmed
        if trimmed.isEmpty || trimmed.hasPrefix("#") {
            return (permalink ?? site.baseURL + "/") + trimmed
        }
        return URLText.percentEncoded(site.absolute(trimmed))
    }
}
