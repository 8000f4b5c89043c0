import LwkdModel

/// A post's headed sections as the digest's chapters number them: every heading gets the id
/// the EPUB chapter and the combined document give it before making ids unique across the book
/// (its own `{#id}`, else one made from its text, unique within the post).
struct DigestOutline {
    /// A heading at the top level of the post and the blocks up to the next heading of the same
    /// or a higher level.
    struct Section {
        var title: String
        var level: Int
        var id: String
        var body: [Block]
        /// Headings inside the body (deeper levels): their text and id.
        var subheadings: [(title: String, id: String)]
    }

    /// The sections, in order.
    var sections: [Section] = []
    /// The id of every heading, in document order.
    var ids: [String] = []

    init(_ blocks: [Block]) {
        var local = HeadingIDs()
        // The id of each top-level block's headings, in order.
        var perBlock: [[(String, String)]] = []
        for block in blocks {
            var found: [(String, String)] = []
            block.forEach(
                block: { inner in
                    guard case .heading(_, _, let attr, let content) = inner else { return }
                    let text = content.plainText
                    let id = attr.identifier.isEmpty ? local.make(for: text) : attr.identifier
                    found.append((text, id))
                }, inline: { _ in })
            perBlock.append(found)
            ids += found.map(\.1)
        }
        for (index, block) in blocks.enumerated() {
            guard case .heading(let level, _, _, _) = block, let own = perBlock[index].first
            else { continue }
            let (title, id) = own
            var end = index + 1
            while end < blocks.count {
                if case .heading(let next, _, _, _) = blocks[end], next <= level { break }
                end += 1
            }
            let subheadings = perBlock[(index + 1)..<end].flatMap { $0 }.map {
                (title: $0.0, id: $0.1)
            }
            sections.append(
                Section(
                    title: title, level: level, id: id, body: Array(blocks[(index + 1)..<end]),
                    subheadings: subheadings))
        }
    }
}
