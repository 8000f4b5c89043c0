import LwkdModel
import LwkdXML

/// Serialises resolved entries as an RFC 4287 feed with ``XMLWriter`` (well-formed by
/// construction; characters XML forbids are removed with a warning).
enum AtomXML {
    static let namespace = "http://www.w3.org/2005/Atom"

    static func render(_ entries: [AtomEntry], feed: FeedInfo, context: WriteContext)
        throws(WriteError) -> String
    {
        let site = context.site
        let selfURL = AtomText.escapedIRI(
            URLText.hasScheme(feed.feedPath) ? feed.feedPath : site.absolute(feed.feedPath))
        let xml = XMLWriter()
        xml.startElement("feed")
        xml.attribute("xmlns", namespace)
        xml.attribute("xml:lang", feed.language ?? context.variables["lang"] ?? "en")
        // RFC 4287 §4.1.1: id, title and updated exactly once; jekyll-feed's id is the feed URL.
        xml.element("id", text: selfURL)
        xml.element("title", ["type": "text"], text: feed.title ?? site.name)
        xml.element("subtitle", ["type": "text"], text: feed.subtitle)
        xml.emptyElement("link", ["rel": "self", "type": "application/atom+xml", "href": selfURL])
        xml.emptyElement(
            "link", ["rel": "alternate", "type": "text/html", "href": site.baseURL + "/"])
        // Never the clock: an unchanged archive gives an unchanged feed.
        let newest = entries.map(\.updated).max() ?? PostDate(year: 1970, month: 1, day: 1)
        xml.element("updated", text: newest.rfc3339)
        xml.startElement("author")
        xml.element("name", text: feed.authorName)
        xml.element("uri", text: feed.authorURI ?? site.baseURL + "/")
        xml.endElement()
        xml.element("generator", text: context.generator)
        reportRemoved(xml, since: 0, what: "the feed metadata", context: context)
        for entry in entries {
            let before = xml.removedCharacters.count
            write(entry, to: xml)
            let title = XMLCharacters.removingForbidden(from: entry.title).0
            reportRemoved(
                xml, since: before, what: "entry '\(title)'", file: entry.fileName, context: context
            )
        }
        xml.endElement()
        do {
            return try xml.finish()
        } catch {
            throw .unsupported(format: "atom", reason: error.description)
        }
    }
}

private extension AtomXML {
    static func write(_ entry: AtomEntry, to xml: XMLWriter) {
        xml.startElement("entry")
        xml.element("id", text: entry.id)
        xml.element("title", ["type": "text"], text: entry.title)
        xml.emptyElement(
            "link",
            ["rel": "alternate", "type": "text/html", "href": entry.link, "title": entry.title])
        xml.element("published", text: entry.published.rfc3339)
        xml.element("updated", text: entry.updated.rfc3339)
        for name in entry.authors {
            xml.startElement("author")
            xml.element("name", text: name)
            xml.endElement()
        }
        if let summary = entry.summary { xml.element("summary", ["type": "text"], text: summary) }
        // Many feed-to-email tools ignore xml:base, so the HTML's URLs are absolute already;
        // xml:base is for the rest (jekyll-feed sets it too).
        xml.element("content", ["type": "html", "xml:base": entry.link], text: entry.content)
        xml.endElement()
    }

    static func reportRemoved(
        _ xml: XMLWriter, since start: Int, what: String, file: String? = nil, context: WriteContext
    ) {
        let removed = xml.removedCharacters[start...]
        guard let first = removed.first else { return }
        let hex = String(first.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        context.diagnostics.warn(
            "removed \(removed.count) character\(removed.count == 1 ? "" : "s") that XML 1.0 forbids "
                + "(first \(code)) from \(what)",
            file: file?.isEmpty == false ? file : nil)
    }
}
