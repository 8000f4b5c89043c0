import LwkdModel

/// A standalone HTML5 page of the post (no theme): the quick way to look at a post, and the
/// format the corpus benchmark compares with cmark-gfm's HTML.
public struct HTMLWriter: Writer {
    public let format = "html"
    public let aliases = ["html5"]
    public let fileExtensions = ["html", "htm"]
    public let isBinary = false
    public let summary = "standalone HTML5 page"

    /// Creates the writer.
    public init() {}

    public func write(_ post: Post, in context: WriteContext) throws(WriteError) -> Output {
        let document = post.document
        let renderer = HTMLRenderer(flavor: .html)
        let title = HTMLEscape.text(post.facts.title)
        let lang = HTMLEscape.attribute(context.variables["lang"] ?? "en")
        var out = "<!DOCTYPE html>\n<html lang=\"\(lang)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(title)</title>\n</head>\n<body>\n<h1>\(title)</h1>\n"
        out += renderer.render(document.blocks)
        out += "</body>\n</html>\n"
        return .text(out)
    }
}
