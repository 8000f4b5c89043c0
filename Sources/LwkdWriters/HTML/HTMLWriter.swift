import LwkdModel
import LwkdXML

/// The post's web page, as the site shows it: a header with the newsletter's name, the title,
/// the date in the newsletter's style and the permalink above the post, in a readable column
/// styled by the theme's `web` stylesheet (`themes/<name>/web.css`).
///
/// The page is one file that opens from disk: the stylesheet is inlined unless ``cssLink``
/// names one, and every link and image URL is absolute (a fragment link stays in the page), so
/// nothing but the post's own images is fetched.
///
/// The author's raw HTML is kept as written, scripts and event handlers too: this is the
/// site's own page, as Jekyll renders it. Only relative URLs in it are made absolute, and the
/// presentational attributes HTML5 made obsolete become CSS. With ``sanitizesRawHTML``
/// (`--sanitize`) it goes through the e-mail rules instead (``HTMLSanitizer``).
public struct HTMLWriter: Writer {
    public let format = "html"
    public let aliases = ["html5"]
    public let fileExtensions = ["html", "htm"]
    public let isBinary = false
    public var usesTheme: Bool { true }
    public let summary =
        "the post's web page (the theme's web.css inlined, or --css-link; raw HTML kept unless --sanitize)"

    /// The stylesheet's address, linked instead of inlining the theme's (`--css-link`).
    public var cssLink: String?
    /// True applies the e-mail sanitiser to raw HTML (`--sanitize`); false keeps it.
    public var sanitizesRawHTML: Bool

    /// Creates the writer.
    public init(cssLink: String? = nil, sanitizesRawHTML: Bool = false) {
        self.cssLink = cssLink
        self.sanitizesRawHTML = sanitizesRawHTML
    }

    public func configured(_ options: WriterOptions) -> any Writer {
        HTMLWriter(
            cssLink: options.cssLink ?? cssLink,
            sanitizesRawHTML: options.sanitizesRawHTML || sanitizesRawHTML)
    }

    /// The content policy, leaving raw HTML to ``write(_:in:)`` unless it is sanitised.
    public func prepared(_ post: Post, in context: WriteContext) -> Post {
        ContentPolicy.apply(to: post, in: context, keepingRawHTML: !sanitizesRawHTML)
    }

    public func write(_ post: Post, in context: WriteContext) throws(WriteError) -> Output {
        let facts = post.facts
        let site = context.site
        let resolver = AbsoluteURLResolver(site: site, permalink: facts.permalink)
        let resolve: @Sendable (String) -> String = { url in
            url.trimmed.hasPrefix("#") ? url.trimmed : resolver.resolve(url)
        }
        let raw = WebRawHTML(
            sanitizer: HTMLSanitizer(flavor: .html, rewriteURL: resolve),
            sanitizes: sanitizesRawHTML)
        let renderer = HTMLRenderer(
            flavor: .html, resolveURL: resolve, rawHTML: { raw.convert($0, isBlock: $1) })
        let title = HTMLEscape.text(facts.title)
        let lang = HTMLEscape.attribute(
            context.variables["lang"] ?? post.document.meta["lang"]?.plainText ?? "en")
        let home = HTMLEscape.attribute(site.baseURL + "/")
        var out = "<!DOCTYPE html>\n<html lang=\"\(lang)\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(title) | \(HTMLEscape.text(site.name))</title>\n"
        out += "<meta name=\"generator\" content=\"\(HTMLEscape.attribute(context.generator))\">\n"
        if let permalink = facts.permalink {
            out += "<link rel=\"canonical\" href=\"\(HTMLEscape.attribute(permalink))\">\n"
        }
        if let cssLink {
            out += "<link rel=\"stylesheet\" href=\"\(HTMLEscape.attribute(cssLink))\">\n"
        } else {
            out += "<style>\n\(try Self.stylesheet(in: context))</style>\n"
        }
        out += "</head>\n<body>\n<header class=\"site-header\">\n<div class=\"wrapper\">"
        out += "<a class=\"site-title\" href=\"\(home)\">\(HTMLEscape.text(site.name))</a></div>\n"
        out += "</header>\n<main class=\"page-content\">\n<div class=\"wrapper\">\n"
        out += "<article class=\"post\">\n<header class=\"post-header\">\n"
        out += "<h1>\(title)</h1>\n"
        out += Self.meta(facts, in: context)
        out += "</header>\n<div class=\"post-content\">\n"
        out += renderer.render(post.document.blocks)
        out += "</div>\n</article>\n</div>\n</main>\n<footer class=\"site-footer\">\n"
        out += "<div class=\"wrapper\"><p><a href=\"\(home)\">\(HTMLEscape.text(site.name))</a></p>"
        out += "</div>\n</footer>\n</body>\n</html>\n"
        return .text(out)
    }

    /// The line under the title: the date in the newsletter's style and the permalink; empty
    /// for an undated post (it has neither).
    static func meta(_ facts: PostFacts, in context: WriteContext) -> String {
        guard let date = facts.date else { return "" }
        var line = "<p class=\"post-meta\"><time datetime=\"\(date.rfc3339)\">"
        line += HTMLEscape.text(context.dateStyle.format(date)) + "</time>"
        if let permalink = facts.permalink {
            line += " · <a class=\"permalink\" href=\"\(HTMLEscape.attribute(permalink))\">"
            line += "Permalink</a>"
        }
        return line + "</p>\n"
    }

    /// The theme's `web` stylesheet (`themes/<name>/web.css`, from `default` when the theme
    /// has none), ending with a line break.
    static func stylesheet(in context: WriteContext) throws(WriteError) -> String {
        let location = context.theme.directory ?? "(built-in)"
        guard context.theme.template(for: "web") != nil else {
            throw .theme(path: location, line: nil, reason: "theme has no web.css")
        }
        let css: String
        do {
            css = try context.theme.render("web", values: [:])
        } catch {
            throw .theme(path: location, line: nil, reason: "\(error)")
        }
        return css.hasSuffix("\n") ? css : css + "\n"
    }
}
