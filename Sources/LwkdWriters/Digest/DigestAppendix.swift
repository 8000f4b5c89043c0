import LwkdModel

/// One year's changes gathered from its posts: the appendix chapters of a digest.
///
/// Links back into the posts point at the post's permalink and the section's id within the
/// post (``DigestOutline``), so every writer resolves them as it resolves links between posts:
/// to a chapter and heading of the book, or to the web page.
public struct DigestAppendix: Sendable {
    /// One appendix chapter.
    public struct Chapter: Sendable {
        /// Which family of sections it gathers.
        public var family: DigestSections.Family
        /// Its title, such as `Promotions`.
        public var title: String
        /// The year it covers.
        public var year: Int
        /// Its content: a heading per week (linking back) and the week's items, or a list.
        public var blocks: [Block]
    }

    /// The chapters of a year, in the order Promotions, Deprecations and removals, Version
    /// updates, Featured PRs and KEPs of the Week, KEP index; an empty one is left out.
    public static func chapters(
        of posts: [Post], year: Int, sections: DigestSections, style: DateStyle
    ) -> [Chapter] {
        let outlines = posts.map { DigestOutline($0.document.blocks) }
        var chapters: [Chapter] = []
        for family in [DigestSections.Family.promotions, .deprecations, .versionUpdates] {
            let blocks = items(of: family, posts: posts, outlines: outlines, sections: sections)
            if !blocks.isEmpty {
                chapters.append(
                    Chapter(
                        family: family, title: sections.title(of: family), year: year,
                        blocks: blocks))
            }
        }
        let featured = featured(posts: posts, outlines: outlines, sections: sections)
        if !featured.isEmpty {
            chapters.append(
                Chapter(
                    family: .featured, title: sections.title(of: .featured), year: year,
                    blocks: featured))
        }
        let keps = kepIndex(posts: posts, outlines: outlines, sections: sections, style: style)
        if !keps.isEmpty {
            chapters.append(
                Chapter(
                    family: .kepIndex, title: sections.title(of: .kepIndex), year: year,
                    blocks: keps))
        }
        return chapters
    }

    /// A link to a post's section: the permalink and the section's id in the post.
    static func link(to post: Post, section id: String?, _ content: [Inline]) -> Inline {
        guard let permalink = post.facts.permalink else { return .text(text: content.plainText) }
        let destination = permalink + (id.map { "#" + $0 } ?? "")
        return .link(link: Link(destination: destination), content: content)
    }

    /// Each week's list items under the family's sections, under a heading linking back.
    private static func items(
        of family: DigestSections.Family, posts: [Post], outlines: [DigestOutline],
        sections: DigestSections
    ) -> [Block] {
        var blocks: [Block] = []
        for (post, outline) in zip(posts, outlines) {
            let matched = outline.sections.filter { sections.contains($0.title, in: family) }
            var items: [ListItem] = []
            for section in matched {
                for block in section.body {
                    switch block {
                    case .bulletList(let list): items += list.items
                    case .orderedList(let list): items += list.items
                    default: continue
                    }
                }
            }
            guard let first = matched.first, !items.isEmpty else { continue }
            blocks.append(weekHeading(post, section: first.id))
            blocks.append(.bulletList(list: BulletList(items: items)))
        }
        return blocks
    }

    private static func weekHeading(_ post: Post, section id: String) -> Block {
        .heading(
            level: 2, style: .atx, attr: Attr(),
            content: [link(to: post, section: id, [.text(text: post.facts.title)])])
    }

    /// The featured PRs' and KEPs' titles, each linking to its heading (or, in a section
    /// without sub-headings, each paragraph's first link text linking to the section).
    private static func featured(
        posts: [Post], outlines: [DigestOutline], sections: DigestSections
    ) -> [Block] {
        var blocks: [Block] = []
        for (post, outline) in zip(posts, outlines) {
            var entries: [ListItem] = []
            var firstID: String?
            for section in outline.sections where sections.contains(section.title, in: .featured) {
                firstID = firstID ?? section.id
                var titles: [(String, String)] = section.subheadings.map { ($0.title, $0.id) }
                if titles.isEmpty {
                    titles = section.body.compactMap { block in
                        guard case .paragraph(let content) = block,
                            let text = firstLinkText(content)
                        else { return nil }
                        return (text, section.id)
                    }
                }
                if titles.isEmpty { titles = [(section.title, section.id)] }
                entries += titles.map { title, id in
                    ListItem(blocks: [
                        .paragraph(content: [link(to: post, section: id, [.text(text: title)])])
                    ])
                }
            }
            guard let firstID, !entries.isEmpty else { continue }
            blocks.append(weekHeading(post, section: firstID))
            blocks.append(.bulletList(list: BulletList(items: entries)))
        }
        return blocks
    }

    private static func firstLinkText(_ content: [Inline]) -> String? {
        for inline in content {
            if case .link(_, let text) = inline {
                let plain = Text.collapsed(text.plainText)
                if !plain.isEmpty { return plain }
            }
        }
        return nil
    }

    /// Every KEP the year mentions, by number: its title where a featured heading gives one,
    /// then a link to each week that mentions it (at the first section that does).
    private static func kepIndex(
        posts: [Post], outlines: [DigestOutline], sections: DigestSections, style: DateStyle
    ) -> [Block] {
        var titles: [Int: String] = [:]
        // Number → the weeks (post index, section id), in date order, each week once.
        var weeks: [Int: [(Int, String?)]] = [:]
        for (index, (post, outline)) in zip(posts, outlines).enumerated() {
            for section in outline.sections where sections.contains(section.title, in: .featured) {
                for heading in section.subheadings {
                    if let found = DigestKEPs.title(inHeading: heading.title),
                        titles[found.number] == nil
                    {
                        titles[found.number] = found.title
                    }
                }
            }
            // The section each top-level block belongs to: the last heading before it.
            var current: String?
            var idIterator = outline.sections.makeIterator()
            var nextSection = idIterator.next()
            for block in post.document.blocks {
                if case .heading = block, let section = nextSection {
                    current = section.id
                    nextSection = idIterator.next()
                }
                var numbers: [Int] = []
                block.forEach(
                    block: { _ in },
                    inline: { inline in
                        switch inline {
                        case .link(let link, _):
                            if let n = DigestKEPs.number(inDestination: link.destination) {
                                numbers.append(n)
                            }
                        case .text(let text):
                            numbers += DigestKEPs.mentions(inText: text).map(\.number)
                        default: break
                        }
                    })
                for number in numbers where weeks[number]?.last?.0 != index {
                    weeks[number, default: []].append((index, current))
                }
            }
        }
        var items: [ListItem] = []
        for number in weeks.keys.sorted() {
            var content: [Inline] = [.strong(content: [.text(text: DigestKEPs.label(number))])]
            if let title = titles[number] { content.append(.text(text: ": " + title)) }
            content.append(.text(text: " — "))
            for (i, (index, section)) in (weeks[number] ?? []).enumerated() {
                if i > 0 { content.append(.text(text: ", ")) }
                let post = posts[index]
                let label =
                    (post.facts.weekEnding ?? post.facts.date).map(style.format)
                    ?? post.facts.title
                content.append(link(to: post, section: section, [.text(text: label)]))
            }
            items.append(ListItem(blocks: [.paragraph(content: content)]))
        }
        return items.isEmpty ? [] : [.bulletList(list: BulletList(items: items))]
    }
}
