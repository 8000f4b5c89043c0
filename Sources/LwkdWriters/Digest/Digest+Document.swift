import LwkdModel

extension Digest {
    /// The combined post for formats without a digest form of their own: each post a
    /// level-1 section, then the appendix chapters (for several years, each year a level-1
    /// section holding its posts and appendix one level down).
    ///
    /// A summary paragraph comes first; a post's headings are shifted down below its own
    /// heading. Links between the posts, and the appendix's links back, point to their sections
    /// when `linksWithinDocument` is true (not for e-mail or plain text, where fragment links do
    /// not work; there they stay links to the posts' pages).
    public func post(in context: WriteContext, linksWithinDocument: Bool = true) -> Post {
        let style = context.dateStyle
        var ids = HeadingIDs()
        var anchors: [String] = []
        for post in posts { anchors.append(ids.make(for: post.facts.title)) }
        // Each post's heading ids (as its outline numbers them) → the combined document's.
        var maps: [[String: String]] = []
        var bodies: [[Block]] = []
        let base = hasParts ? 2 : 1
        for entry in posts {
            let blocks = entry.document.blocks
            let top =
                blocks.compactMap { b -> Int? in
                    if case .heading(let level, _, _, _) = b { level } else { nil }
                }.min() ?? (base + 1)
            let shift = max(0, base + 1 - top)
            let outline = DigestOutline(blocks)
            var map: [String: String] = [:]
            var next = outline.ids.makeIterator()
            let body = Block.mapAll(blocks) { block in
                guard case .heading(let level, let style, var attr, let content) = block else {
                    return block
                }
                let local = next.next() ?? ""
                attr.identifier = ids.make(
                    for: attr.identifier.isEmpty ? content.plainText : attr.identifier)
                map[local] = attr.identifier
                return .heading(
                    level: min(6, level + shift), style: style, attr: attr, content: content)
            }
            maps.append(map)
            bodies.append(body)
        }
        func resolved(_ blocks: [Block]) -> [Block] {
            guard linksWithinDocument else { return blocks }
            return Document(blocks: blocks).mapInlines { list in
                list.map { inline in
                    guard case .link(var link, let content) = inline,
                        let target = self.post(linkedBy: link.destination)
                    else { return inline }
                    let fragment = target.fragment.flatMap { maps[target.index][$0] }
                    link.destination = "#" + (fragment ?? anchors[target.index])
                    return .link(link: link, content: content)
                }
            }.blocks
        }
        var blocks: [Block] = [.paragraph(content: [.text(text: summary(style: style))])]
        for part in parts {
            if hasParts {
                blocks.append(
                    .heading(
                        level: 1, style: .atx,
                        attr: Attr(identifier: ids.make(for: String(part.year))),
                        content: [.text(text: String(part.year))]))
            }
            for index in part.postIndices where !isAppendixOnly {
                let entry = posts[index]
                blocks.append(
                    .heading(
                        level: base, style: .atx, attr: Attr(identifier: anchors[index]),
                        content: [.text(text: entry.facts.title)]))
                var byline: [Inline] = []
                if let date = entry.facts.date { byline.append(.text(text: style.format(date))) }
                if let permalink = entry.facts.permalink {
                    if !byline.isEmpty { byline.append(.text(text: " · ")) }
                    byline.append(
                        .link(
                            link: Link(destination: permalink, kind: .autolink),
                            content: [.text(text: permalink)]))
                }
                if !byline.isEmpty {
                    blocks.append(.paragraph(content: [.emphasis(content: byline)]))
                }
                blocks += resolved(bodies[index])
            }
            for chapter in part.appendix {
                let title = hasParts ? "\(chapter.title) \(part.year)" : chapter.title
                blocks.append(
                    .heading(
                        level: base, style: .atx, attr: Attr(identifier: ids.make(for: title)),
                        content: [.text(text: title)]))
                let shifted = Block.mapAll(chapter.blocks) { block in
                    guard case .heading(let level, let style, var attr, let content) = block else {
                        return block
                    }
                    attr.identifier = ids.make(for: content.plainText)
                    return .heading(
                        level: min(6, level + base - 1), style: style, attr: attr,
                        content: content)
                }
                blocks += resolved(shifted)
            }
        }
        var meta = Meta(entries: [MetaEntry(key: "title", value: .string(value: title))])
        if let last = dateRange?.last { meta["date"] = .date(text: last.rfc3339) }
        let facts = PostFacts(
            title: title, date: dateRange?.last, weekEnding: dateRange?.last,
            slug: String(yearsText.map { $0 == "–" ? "-" : $0 }) + "-digest",
            subject: "\(site.shortName): \(title)", site: site)
        return Post(document: Document(meta: meta, blocks: blocks), facts: facts)
    }
}
