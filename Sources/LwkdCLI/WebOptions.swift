import ArgumentParser
import LwkdModel
import LwkdWriters

/// Options of the web page (`--to html`), handed to whichever writer uses them.
struct WebOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Web page: link this stylesheet instead of inlining the theme's web.css.",
            valueName: "url"))
    var cssLink: String?

    func validate() throws {
        if let cssLink, cssLink.isEmpty || cssLink.contains(where: \.isWhitespace) {
            throw ValidationError("--css-link '\(cssLink)' is not a URL")
        }
    }

    /// `options` with these applied.
    func applied(to options: WriterOptions) -> WriterOptions {
        var options = options
        options.cssLink = cssLink
        return options
    }
}
