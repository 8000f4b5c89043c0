/// Traversal helpers, in the manner of pandoc's Walk: a few functions, no visitor protocol.
extension Document {
    /// Applies `transform` to every block, children first, and returns the result.
    public func mapBlocks(_ transform: (Block) -> [Block]) -> Document {
        var copy = self
        copy.blocks = Block.map(blocks, transform)
        return copy
    }

    /// Applies `transform` to every inline list (paragraph content, link text, …), innermost first.
    public func mapInlines(_ transform: ([Inline]) -> [Inline]) -> Document {
        var copy = self
        copy.blocks = blocks.map { $0.mappingInlines(transform) }
        return copy
    }

    /// Calls `visit` for every block (pre-order) and every inline (pre-order) in the body.
    public func forEachNode(
        block visitBlock: (Block) -> Void = { _ in },
        inline visitInline: (Inline) -> Void = { _ in }
    ) {
        for block in blocks { block.forEach(block: visitBlock, inline: visitInline) }
    }

    /// All link destinations and image sources, in document order.
    public var urls: [String] {
        var found: [String] = []
        forEachNode(inline: { inline in
            switch inline {
            case .link(let link, _): found.append(link.destination)
            case .image(let image, _): found.append(image.source)
            default: break
            }
        })
        return found
    }
}

extension Block {
    /// `transform` applied to every block of `blocks`, children first (``Document/mapBlocks(_:)``).
    public static func map(_ blocks: [Block], _ transform: (Block) -> [Block]) -> [Block] {
        blocks.flatMap { transform($0.mappingChildren { map($0, transform) }) }
    }

    /// The block with `transform` applied to each direct child block list.
    public func mappingChildren(_ transform: ([Block]) -> [Block]) -> Block {
        switch self {
        case .bulletList(var list):
            list.items = list.items.map { ListItem(task: $0.task, blocks: transform($0.blocks)) }
            return .bulletList(list: list)
        case .orderedList(var list):
            list.items = list.items.map { ListItem(task: $0.task, blocks: transform($0.blocks)) }
            return .orderedList(list: list)
        case .blockQuote(let blocks):
            return .blockQuote(blocks: transform(blocks))
        case .paragraph, .heading, .codeBlock, .thematicBreak, .rawBlock, .table:
            return self
        }
    }

    /// The block with `transform` applied to every inline list it contains, at any depth.
    public func mappingInlines(_ transform: ([Inline]) -> [Inline]) -> Block {
        switch self {
        case .paragraph(let content):
            return .paragraph(content: Inline.mapLists(content, transform))
        case .heading(let level, let style, let attr, let content):
            return .heading(
                level: level, style: style, attr: attr, content: Inline.mapLists(content, transform)
            )
        case .table(var table):
            table.header = table.header.map { Inline.mapLists($0, transform) }
            table.rows = table.rows.map { $0.map { Inline.mapLists($0, transform) } }
            return .table(table: table)
        case .bulletList, .orderedList, .blockQuote:
            return mappingChildren { $0.map { $0.mappingInlines(transform) } }
        case .codeBlock, .thematicBreak, .rawBlock:
            return self
        }
    }

    /// Calls the visitors for this block and everything inside it, pre-order.
    public func forEach(block visitBlock: (Block) -> Void, inline visitInline: (Inline) -> Void) {
        visitBlock(self)
        switch self {
        case .paragraph(let content), .heading(_, _, _, let content):
            content.forEach { $0.forEach(visitInline) }
        case .table(let table):
            for cell in table.header { cell.forEach { $0.forEach(visitInline) } }
            for row in table.rows { for cell in row { cell.forEach { $0.forEach(visitInline) } } }
        case .bulletList(let list):
            for item in list.items {
                item.blocks.forEach { $0.forEach(block: visitBlock, inline: visitInline) }
            }
        case .orderedList(let list):
            for item in list.items {
                item.blocks.forEach { $0.forEach(block: visitBlock, inline: visitInline) }
            }
        case .blockQuote(let blocks):
            blocks.forEach { $0.forEach(block: visitBlock, inline: visitInline) }
        case .codeBlock, .thematicBreak, .rawBlock:
            break
        }
    }

    /// The inline content of a paragraph or heading; empty for other blocks.
    public var inlines: [Inline] {
        switch self {
        case .paragraph(let content), .heading(_, _, _, let content): return content
        default: return []
        }
    }
}

extension Inline {
    static func mapLists(_ inlines: [Inline], _ transform: ([Inline]) -> [Inline]) -> [Inline] {
        transform(inlines.map { $0.mappingChildren { mapLists($0, transform) } })
    }

    /// The inline with `transform` applied to its direct child list, if it has one.
    public func mappingChildren(_ transform: ([Inline]) -> [Inline]) -> Inline {
        switch self {
        case .emphasis(let c): return .emphasis(content: transform(c))
        case .strong(let c): return .strong(content: transform(c))
        case .strikethrough(let c): return .strikethrough(content: transform(c))
        case .link(let link, let c): return .link(link: link, content: transform(c))
        case .image(let image, let c): return .image(image: image, content: transform(c))
        case .text, .code, .softBreak, .hardBreak, .rawInline: return self
        }
    }

    /// The direct children, if any.
    public var children: [Inline] {
        switch self {
        case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, let c),
            .image(_, let c):
            return c
        case .text, .code, .softBreak, .hardBreak, .rawInline:
            return []
        }
    }

    /// Calls `visit` for this inline and all its descendants, pre-order.
    public func forEach(_ visit: (Inline) -> Void) {
        visit(self)
        for child in children { child.forEach(visit) }
    }
}

extension Array where Element == Inline {
    /// The text a reader sees: text and code verbatim, breaks as spaces, markup dropped.
    public var plainText: String {
        var out = ""
        appendPlainText(to: &out)
        return out
    }

    func appendPlainText(to out: inout String) {
        for inline in self {
            switch inline {
            case .text(let text), .code(let text): out += text
            case .softBreak, .hardBreak: out += " "
            case .rawInline: break
            case .emphasis(let c), .strong(let c), .strikethrough(let c), .link(_, let c),
                .image(_, let c):
                c.appendPlainText(to: &out)
            }
        }
    }
}
