import LwkdModel

/// Small text helpers of the Atom writer.
enum AtomText {
    /// Runs of spaces, tabs and line breaks as one space, with none at either end.
    static func collapsed(_ text: String) -> String { Text.collapsed(text) }

    /// `url` with every byte that RFC 3986 does not allow percent-encoded, as jekyll-feed's
    /// `absolute_url` (Addressable's `normalize`) does to a slug with spaces or non-ASCII
    /// letters; URLs that are already valid come back unchanged.
    static func escapedIRI(_ url: String) -> String { URLText.percentEncoded(url, keeping: .uri) }
}
