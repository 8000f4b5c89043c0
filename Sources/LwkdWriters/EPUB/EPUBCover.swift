import LwkdModel
import LwkdXML

/// A digest's cover: an SVG the theme's `cover` template draws from the book's facts (the
/// newsletter's name, the years, the number of issues, the date range) in the theme's colours
/// and font, or the image the theme's `cover_image` setting names (looked up in
/// `--resource-path`, like a post's images).
struct EPUBCover {
    var href: String
    var mediaType: String
    var bytes: [UInt8]
    /// The cover's text alternative.
    var alt: String

    /// The cover of `digest`, or nil when the theme has neither a `cover` template nor a
    /// `cover_image`.
    static func make(digest: Digest, in context: WriteContext) throws(WriteError) -> EPUBCover? {
        let theme = context.theme
        let issues = digest.posts.count == 1 ? "1 issue" : "\(digest.posts.count) issues"
        let range = digest.dateRange.map { context.dateStyle.formatRange($0.first, $0.last) } ?? ""
        let alt =
            "Cover: \(digest.site.name), \(digest.yearsText)"
            + (digest.isAppendixOnly ? " appendix" : "") + ". \(issues)"
            + (range.isEmpty ? "." : ", \(range).")
        if let path = theme.variables["cover_image"], !path.isEmpty {
            return try image(at: path, alt: alt, in: context)
        }
        guard theme.template(for: "cover") != nil else { return nil }
        let lines = wrap(digest.site.name, width: 16)
        let years = digest.yearsText
        let values: [String: Any] = [
            "title": digest.title,
            "name_lines": lines.enumerated().map { i, line in
                ["text": line, "y": String(560 + i * 150)] as [String: Any]
            },
            "years": years,
            // Digits of a bold sans serif are about 0.72 em wide: keep the years within 1280 px.
            "year_font_size": String(min(420, Int(1280.0 / (0.72 * Double(years.count))))),
            "issues": issues,
            "range": range,
            "range_font_size": String(min(72, Int(1280.0 / (0.52 * Double(max(range.count, 1)))))),
            "host": digest.site.baseURL.split(separator: "/").dropFirst().first.map(String.init)
                ?? "",
        ]
        let svg: String
        do {
            svg = try theme.render("cover", values: values)
        } catch {
            throw .theme(path: theme.directory ?? "(built-in)", line: nil, reason: "\(error)")
        }
        if let problem = XMLCheck.problems(in: svg).first {
            throw .theme(
                path: (theme.directory ?? "(built-in)") + "/cover.svg", line: nil,
                reason: "the cover is not well-formed XML: \(problem)")
        }
        return EPUBCover(
            href: "cover.svg", mediaType: "image/svg+xml", bytes: Array(svg.utf8), alt: alt)
    }

    /// The theme's own cover image, checked like an embedded image.
    private static func image(at path: String, alt: String, in context: WriteContext)
        throws(WriteError) -> EPUBCover
    {
        switch context.resources.load(path) {
        case .found(let found, var bytes):
            guard let (mediaType, ext) = EPUBImages.sniff(bytes) else {
                throw .resource(
                    path: found, reason: "the cover_image is not PNG, JPEG, GIF, SVG or WebP")
            }
            if mediaType == "image/svg+xml" {
                guard let safe = SVGSanitizer.sanitize(bytes) else {
                    throw .resource(path: found, reason: "the cover_image is not well-formed XML")
                }
                bytes = safe.bytes
            }
            if let problem = EPUBImageLimits.problem(bytes) {
                throw .resource(path: found, reason: "the cover_image \(problem)")
            }
            return EPUBCover(href: "cover." + ext, mediaType: mediaType, bytes: bytes, alt: alt)
        case .notFound:
            throw .resource(
                path: path, reason: "the theme's cover_image is not in any --resource-path")
        case .refused(let reason):
            throw .resource(path: path, reason: reason)
        }
    }

    /// Words in lines of at most `width` characters (a longer word is a line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
