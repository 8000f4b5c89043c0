import LwkdModel

/// The text members of the package: container, package document (OPF), navigation document,
/// NCX, title page and chapters.
struct EPUBPackage {
    let book: EPUBBook
    let content: EPUBContent
    let generator: String

    static let root = "EPUB/"

    private var lang: String { HTMLEscape.attribute(book.language) }

    // MARK: - Container

    /// OCF 3.3 §3.5.2.1: `META-INF/container.xml` names the package document.
    static let container = """
        <?xml version="1.0" encoding="UTF-8"?>
        <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
          <rootfiles>
            <rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
          </rootfiles>
        </container>

        """

    // MARK: - Package document

    func packageDocument() -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="\(lang)">
              <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
                <dc:identifier id="pub-id">\(HTMLEscape.text(book.identifier))</dc:identifier>
                <dc:title>\(HTMLEscape.text(book.title))</dc:title>
                <dc:language>\(HTMLEscape.text(book.language))</dc:language>

            """
        for (i, creator) in book.creators.enumerated() {
            out +=
                "    <dc:creator id=\"creator-\(i + 1)\">\(HTMLEscape.text(creator))</dc:creator>\n"
        }
        out += "    <dc:publisher>\(HTMLEscape.text(book.publisher))</dc:publisher>\n"
        if let date = book.date { out += "    <dc:date>\(date.rfc3339)</dc:date>\n" }
        if let source = book.source {
            out += "    <dc:source>\(HTMLEscape.text(source))</dc:source>\n"
        }
        // EPUB 3.3 §5.5.6: exactly one dcterms:modified, CCYY-MM-DDThh:mm:ssZ.
        out += "    <meta property=\"dcterms:modified\">\(book.modified.rfc3339)</meta>\n"
        for (property, value) in accessibility() {
            out += "    <meta property=\"\(property)\">\(HTMLEscape.text(value))</meta>\n"
        }
        out += "    <meta name=\"generator\" content=\"\(HTMLEscape.attribute(generator))\"/>\n"
        // EPUB 2's cover declaration, which Kindle and older readers still look for.
        if book.cover != nil { out += "    <meta name=\"cover\" content=\"cover-image\"/>\n" }
        out += "  </metadata>\n  <manifest>\n"
        out +=
            "    <item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
        out += "    <item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>\n"
        out += "    <item id=\"style\" href=\"style.css\" media-type=\"text/css\"/>\n"
        if let cover = book.cover {
            out +=
                "    <item id=\"cover-image\" href=\"\(cover.href)\" media-type=\"\(cover.mediaType)\" properties=\"cover-image\"/>\n"
            out +=
                "    <item id=\"cover\" href=\"cover.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
        }
        out +=
            "    <item id=\"titlepage\" href=\"titlepage.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
        for chapter in content.chapters {
            out +=
                "    <item id=\"\(itemID(chapter.file))\" href=\"\(chapter.file)\" media-type=\"application/xhtml+xml\"/>\n"
        }
        for (i, image) in content.images.items.enumerated() {
            out +=
                "    <item id=\"image-\(i + 1)\" href=\"\(HTMLEscape.attribute(image.href))\" media-type=\"\(image.mediaType)\"/>\n"
        }
        out += "  </manifest>\n  <spine toc=\"ncx\">\n"
        if book.cover != nil { out += "    <itemref idref=\"cover\"/>\n" }
        out += "    <itemref idref=\"titlepage\"/>\n    <itemref idref=\"nav\"/>\n"
        for chapter in content.chapters {
            out += "    <itemref idref=\"\(itemID(chapter.file))\"/>\n"
        }
        out += "  </spine>\n</package>\n"
        return out
    }

    /// EPUB Accessibility 1.1 §2.1 discovery metadata, true to the content.
    private func accessibility() -> [(String, String)] {
        let hasImages = !content.images.isEmpty
        var out: [(String, String)] = [("schema:accessMode", "textual")]
        if hasImages { out.append(("schema:accessMode", "visual")) }
        out.append(("schema:accessModeSufficient", hasImages ? "textual,visual" : "textual"))
        var features = ["structuralNavigation", "tableOfContents", "readingOrder"]
        if hasImages, !content.images.hasImageWithoutAlt { features.append("alternativeText") }
        for feature in features { out.append(("schema:accessibilityFeature", feature)) }
        out.append(("schema:accessibilityHazard", "none"))
        var summary = "Reflowable text with a heading for every section and a table of contents"
        summary += book.isDigest ? " covering each issue and its sections." : "."
        if hasImages {
            summary +=
                content.images.hasImageWithoutAlt
                ? " Some images (charts and screenshots) have no text alternative."
                : " Images (charts and screenshots) have short text alternatives."
        }
        out.append(("schema:accessibilitySummary", summary))
        return out
    }

    private func itemID(_ file: String) -> String {
        String(file.prefix { $0 != "." })
    }

    // MARK: - Navigation

    /// One entry of the table of contents.
    struct NavEntry {
        var title: String
        var href: String
        var children: [NavEntry] = []
    }

    /// The table of contents: each post with its sections, then the appendix chapters; for
    /// several years, each year with its posts and appendix chapters (two levels either way).
    func navTree() -> [NavEntry] {
        var entries: [NavEntry] = []
        for chapter in content.chapters {
            var entry = NavEntry(title: chapter.title, href: chapter.file)
            switch chapter.role {
            case .part:
                entries.append(entry)
                continue
            case .post:
                if !book.posts.hasParts {
                    entry.children = chapter.sections.map {
                        NavEntry(title: $0.title, href: chapter.file + "#" + $0.id)
                    }
                }
            case .appendix:
                break
            }
            if book.posts.hasParts, !entries.isEmpty {
                entries[entries.count - 1].children.append(entry)
            } else {
                entries.append(entry)
            }
        }
        return entries
    }

    func navigationDocument() -> String {
        var out = xhtmlHead(title: "Contents")
        out +=
            "<body>\n<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\">\n<h1>Contents</h1>\n<ol>\n"
        for entry in navTree() {
            out +=
                "<li><a href=\"\(HTMLEscape.attribute(entry.href))\">\(HTMLEscape.text(entry.title))</a>"
            if !entry.children.isEmpty {
                out += "\n<ol>\n"
                for child in entry.children {
                    out += "<li><a href=\"\(HTMLEscape.attribute(child.href))\">"
                    out += HTMLEscape.text(child.title) + "</a></li>\n"
                }
                out += "</ol>\n"
            }
            out += "</li>\n"
        }
        out += "</ol>\n</nav>\n"
        out +=
            "<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<h2>Landmarks</h2>\n<ol>\n"
        if book.cover != nil {
            out += "<li><a epub:type=\"cover\" href=\"cover.xhtml\">Cover</a></li>\n"
        }
        out += "<li><a epub:type=\"titlepage\" href=\"titlepage.xhtml\">Title page</a></li>\n"
        out += "<li><a epub:type=\"toc\" href=\"nav.xhtml#toc\">Contents</a></li>\n"
        if let first = content.chapters.first {
            out +=
                "<li><a epub:type=\"bodymatter\" href=\"\(first.file)\">\(HTMLEscape.text(first.title))</a></li>\n"
        }
        if let appendix = content.chapters.first(where: { $0.role == .appendix }) {
            out +=
                "<li><a epub:type=\"backmatter\" href=\"\(appendix.file)\">\(HTMLEscape.text(appendix.title))</a></li>\n"
        }
        out += "</ol>\n</nav>\n</body>\n</html>\n"
        return out
    }

    /// The EPUB 2 NCX, for older reading systems (Kindle's conversion reads it too): the same
    /// entries as the navigation document.
    func ncx() -> String {
        let tree = navTree()
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="\(lang)">
              <head>
                <meta name="dtb:uid" content="\(HTMLEscape.attribute(book.identifier))"/>
                <meta name="dtb:depth" content="\(tree.contains { !$0.children.isEmpty } ? 2 : 1)"/>
                <meta name="dtb:totalPageCount" content="0"/>
                <meta name="dtb:maxPageNumber" content="0"/>
              </head>
              <docTitle><text>\(HTMLEscape.text(book.title))</text></docTitle>
              <navMap>

            """
        var order = 0
        func point(_ label: String, _ src: String, indent: String) -> String {
            order += 1
            return "\(indent)<navPoint id=\"navpoint-\(order)\" playOrder=\"\(order)\">"
                + "<navLabel><text>\(HTMLEscape.text(label))</text></navLabel>"
                + "<content src=\"\(HTMLEscape.attribute(src))\"/>"
        }
        if book.cover != nil {
            out += point("Cover", "cover.xhtml", indent: "    ") + "</navPoint>\n"
        }
        out += point("Title page", "titlepage.xhtml", indent: "    ") + "</navPoint>\n"
        out += point("Contents", "nav.xhtml", indent: "    ") + "</navPoint>\n"
        for entry in tree {
            out += point(entry.title, entry.href, indent: "    ") + "\n"
            for child in entry.children {
                out += point(child.title, child.href, indent: "      ") + "</navPoint>\n"
            }
            out += "    </navPoint>\n"
        }
        out += "  </navMap>\n</ncx>\n"
        return out
    }

    // MARK: - Content documents

    func titlePage() -> String {
        var out = xhtmlHead(title: book.title)
        out += "<body>\n<section class=\"titlepage\" epub:type=\"titlepage\">\n"
        out += "<h1 class=\"title\">\(HTMLEscape.text(book.titlePageHeading))</h1>\n"
        for line in book.subtitleLines {
            out += "<p class=\"subtitle\">\(HTMLEscape.text(line))</p>\n"
        }
        out += "</section>\n</body>\n</html>\n"
        return out
    }

    /// The cover page: the cover image alone.
    func coverPage(_ cover: EPUBCover) -> String {
        var out = xhtmlHead(title: "Cover")
        out += "<body class=\"cover\">\n<section class=\"cover\" epub:type=\"cover\">\n"
        out +=
            "<img src=\"\(HTMLEscape.attribute(cover.href))\" alt=\"\(HTMLEscape.attribute(cover.alt))\"/>\n"
        out += "</section>\n</body>\n</html>\n"
        return out
    }

    func chapter(_ chapter: EPUBContent.Chapter, renderer: HTMLRenderer) -> String {
        var out = xhtmlHead(title: chapter.title)
        let (kind, role) =
            switch chapter.role {
            case .post: ("chapter", "doc-chapter")
            case .part: ("part", "doc-part")
            case .appendix: ("appendix", "doc-appendix")
            }
        let classes = chapter.role == .appendix ? "chapter appendix" : kind
        out += "<body>\n<section class=\"\(classes)\" epub:type=\"\(kind)\" role=\"\(role)\""
        out += " aria-labelledby=\"\(HTMLEscape.attribute(chapter.titleID))\">\n"
        out +=
            "<h1 id=\"\(HTMLEscape.attribute(chapter.titleID))\">\(HTMLEscape.text(chapter.title))</h1>\n"
        var dateline: [String] = []
        if let date = chapter.date { dateline.append(HTMLEscape.text(book.dateStyle.format(date))) }
        if let permalink = chapter.permalink {
            let shown = permalink.split(separator: "/", maxSplits: 2).dropFirst().joined(
                separator: "/")
            dateline.append(
                "<a href=\"\(HTMLEscape.attribute(URLText.percentEncoded(permalink)))\">\(HTMLEscape.text(shown))</a>"
            )
        }
        if !dateline.isEmpty {
            out += "<p class=\"dateline\">\(dateline.joined(separator: " · "))</p>\n"
        }
        out += renderer.render(chapter.blocks)
        out += "</section>\n</body>\n</html>\n"
        return out
    }

    private func xhtmlHead(title: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="\(lang)" lang="\(lang)">
        <head>
        <title>\(HTMLEscape.text(title))</title>
        <link rel="stylesheet" type="text/css" href="style.css"/>
        </head>

        """
    }
}
