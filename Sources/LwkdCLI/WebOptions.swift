import ArgumentParser
import LwkdModel
import LwkdWriters

/// Options of the web page (`--to html`), handed to whichever writer uses them.
package struct WebOptions: ParsableArguments {
    package init() {}

    @Option(
        help: ArgumentHelp(
            "Web page: link this stylesheet instead of inlining the theme's web.css.",
            valueName: "url"))
    var cssLink: String?

    @Flag(
        help:
            "Web page: apply the e-mail rules to the post's raw HTML (scripts, event handlers and javascript: URLs removed). Without it the page keeps the author's raw HTML as written: it is the site's own page."
    )
    package var sanitize = false

    package func validate() throws {
        if let cssLink, cssLink.isEmpty || cssLink.contains(where: \.isWhitespace) {
            throw ValidationError("--css-link '\(cssLink)' is not a URL")
        }
    }

    /// `options` with these applied.
    package func applied(to options: WriterOptions) -> WriterOptions {
        var options = options
        options.cssLink = cssLink
        options.sanitizesRawHTML = sanitize
        return options
    }
}
