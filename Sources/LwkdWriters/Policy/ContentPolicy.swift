import LwkdModel
import LwkdXML

/// The one policy every rendering writer applies to a post before it writes: destinations
/// that are not URLs repaired or turned into text, scheme-less hosts given `https://`, raw
/// HTML sanitised, characters XML forbids dropped. Each change is one warning at its source
/// position (`post.md:58:24:`).
///
/// Formats that keep the author's source (Markdown, JSON) skip it; see
/// ``Writer/preservesSource``.
public enum ContentPolicy {
    /// The post with the policy applied; the facts stay as they are.
    ///
    /// - Parameter keepingRawHTML: True leaves raw HTML as the author wrote it (the web page
    ///   without `--sanitize`: the site's own page); every other rule still applies.
    public static func apply(to post: Post, in context: WriteContext, keepingRawHTML: Bool = false)
        -> Post
    {
        var walker = Walker(
            map: post.sourceMap, file: post.file, site: context.site,
            diagnostics: context.diagnostics)
        walker.keepsRawHTML = keepingRawHTML
        var copy = post
        copy.document.blocks = post.document.blocks.enumerated().flatMap { index, block in
            walker.block = post.sourceMap.blocks.indices.contains(index)
                ? post.sourceMap.blocks[index] : nil
            return walker.rewrite(block)
        }
        copy.sourceMap = walker.rewrittenMap
        return copy
    }

    /// The sanitiser's rules for raw HTML: scripts, event handlers, frames and dangerous URLs
    /// go; harmless markup stays.
    static let sanitizer = HTMLSanitizer(flavor: .html)
}

private struct Walker {
    let map: SourceMap
    let file: String?
    let site: Site
    let diagnostics: DiagnosticSink
    var block: SourceRange?
    var keepsRawHTML = false
    var links = OccurrenceCounter()
    var images = OccurrenceCounter()
    var raws = OccurrenceCounter()
    /// The map with the ranges of rewritten nodes filed under their new text, so later
    /// messages about a repaired link or sanitised HTML still find their place.
    var rewrittenMap: SourceMap

    init(map: SourceMap, file: String?, site: Site, diagnostics: DiagnosticSink) {
        self.map = map
        self.rewrittenMap = map
        self.file = file
        self.site = site
        self.diagnostics = diagnostics
    }

    func warn(_ message: String, at range: SourceRange?) {
        diagnostics.warn(message, file: file, at: range ?? block)
    }

    // MARK: - Blocks

    mutating func rewrite(_ block: Block) -> [Block] {
        switch block {
        case .paragraph(let content):
            return [.paragraph(content: rewrite(content))]
        case .heading(let level, let style, let attr, let content):
            return [.heading(level: level, style: style, attr: attr, content: rewrite(content))]
        case .bulletList(var list):
            list.items = list.items.map { item in
                ListItem(task: item.task, blocks: item.blocks.flatMap { rewrite($0) })
            }
            return [.bulletList(list: list)]
        case .orderedList(var list):
            list.items = list.items.map { item in
                ListItem(task: item.task, blocks: item.blocks.flatMap { rewrite($0) })
            }
            return [.orderedList(list: list)]
        case .blockQuote(let blocks):
            return [.blockQuote(blocks: blocks.flatMap { rewrite($0) })]
        case .codeBlock(let style, let info, let text):
            return [.codeBlock(style: style, info: info, text: checkedText(text))]
        case .thematicBreak:
            return [block]
        case .rawBlock(let format, let text):
            guard format == "html" else { return [block] }
            return [.rawBlock(format: format, text: sanitized(text, isBlock: true))]
        case .table(var table):
            table.header = table.header.map { rewrite($0) }
            table.rows = table.rows.map { row in row.map { rewrite($0) } }
            return [.table(table: table)]
        }
    }

    // MARK: - Inlines (pre-order, so occurrences count in document order)

    mutating func rewrite(_ inlines: [Inline]) -> [Inline] {
        inlines.flatMap { rewrite($0) }
    }

    mutating func rewrite(_ inline: Inline) -> [Inline] {
        switch inline {
        case .text(let text):
            return [.text(text: checkedText(text))]
        case .code(let text):
            return [.code(text: checkedText(text))]
        case .emphasis(let content):
            return [.emphasis(content: rewrite(content))]
        case .strong(let content):
            return [.strong(content: rewrite(content))]
        case .strikethrough(let content):
            return [.strikethrough(content: rewrite(content))]
        case .softBreak, .hardBreak:
            return [inline]
        case .rawInline(let format, let text):
            guard format == "html" else { return [inline] }
            let clean = sanitized(text, isBlock: false)
            return clean.isEmpty ? [] : [.rawInline(format: format, text: clean)]
        case .link(var link, let content):
            let range = map.link(link.destination, occurrence: links.next(link.destination))
            let inner = rewrite(content)
            guard let url = repaired(link.destination, kind: "link", at: range) else {
                return inner
            }
            if url != link.destination, let range {
                rewrittenMap.links[url, default: []].append(range)
            }
            link.destination = url
            return [.link(link: link, content: inner)]
        case .image(var image, let content):
            let range = map.image(image.source, occurrence: images.next(image.source))
            let alt = rewrite(content)
            guard let url = repaired(image.source, kind: "image", at: range) else { return alt }
            if url != image.source, let range { rewrittenMap.images[url, default: []].append(range) }
            image.source = url
            return [.image(image: image, content: alt)]
        }
    }

    /// The URL to write for a destination, or nil when it is written as text.
    func repaired(_ destination: String, kind: String, at range: SourceRange?) -> String? {
        switch LinkTarget(destination, isImage: kind == "image") {
        case .empty, .fragment, .absolute, .networkPath, .siteRoot:
            return destination
        case .relative:
            warn(
                "relative \(kind) '\(destination)' resolved against the site as "
                    + site.absolute(destination), at: range)
            return destination
        case .schemeless(let url):
            warn("\(kind) '\(destination)' has no scheme; written as \(url)", at: range)
            return url
        case .wrapped(let url):
            warn(
                "\(kind) destination '\(destination)' is not a URL; read as \(url)", at: range)
            return url
        case .forbidden(let scheme):
            warn(
                "\(kind) to a '\(scheme):' URL removed; "
                    + (kind == "image" ? "kept its alt text" : "kept its text"), at: range)
            return nil
        case .notURL:
            warn(
                "\(kind) destination '\(destination)' is not a URL; written as text", at: range)
            return nil
        }
    }

    /// Raw HTML through the sanitiser, each removal reported at its line.
    mutating func sanitized(_ html: String, isBlock: Bool) -> String {
        if keepsRawHTML { return html }
        let result = ContentPolicy.sanitizer.sanitize(html, isBlock: isBlock)
        let range = map.raw(html, occurrence: raws.next(html))
        guard !result.removals.isEmpty else { return html }
        if let range { rewrittenMap.rawHTML[result.html, default: []].append(range) }
        let snippet = Self.snippet(html)
        for removal in result.removals {
            var at = range ?? block
            if let start = at, removal.line > 1 {
                at = SourceRange(line: start.line + removal.line - 1, column: 1)
            }
            warn("raw HTML '\(snippet)': removed \(removal.what)", at: at)
        }
        return result.html
    }

    /// Text without the characters XML 1.0 forbids (each kind reported once per block).
    func checkedText(_ text: String) -> String {
        let (clean, removed) = XMLCharacters.removingForbidden(from: text)
        guard !removed.isEmpty else { return text }
        var seen: Set<Unicode.Scalar> = []
        for scalar in removed where seen.insert(scalar).inserted {
            let code = String(scalar.value, radix: 16, uppercase: true)
            warn(
                "character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code) "
                    + "is not allowed in XML; dropped", at: nil)
        }
        return clean
    }

    static func snippet(_ html: String) -> String {
        let line = html.split(separator: "\n").first.map(String.init) ?? html
        let short = Text.collapsed(line)
        return short.count > 60 ? String(short.prefix(60)) + "…" : short
    }
}
