/// Normalisation, as pandoc's Builder does with smart constructors.
extension Document {
    /// The document with adjacent text merged, empty inline containers dropped and the spaces at
    /// the edges of paragraphs and headings trimmed. Readers return normalised documents.
    public func normalized() -> Document {
        var copy = self
        copy.blocks = blocks.map { $0.normalized() }
        return copy
    }
}

extension Block {
    /// The block normalised as ``Document/normalized()`` does it (a reader can normalise each
    /// block as it is built instead of copying the whole document at the end).
    public func normalized() -> Block {
        switch self {
        case .paragraph(let content):
            return .paragraph(content: Inline.normalize(content).trimmingEdgeSpaces())
        case .heading(let level, let style, let attr, let content):
            return .heading(
                level: level, style: style, attr: attr,
                content: Inline.normalize(content).trimmingEdgeSpaces())
        case .table(var table):
            table.header = table.header.map { Inline.normalize($0).trimmingEdgeSpaces() }
            table.rows = table.rows.map { $0.map { Inline.normalize($0).trimmingEdgeSpaces() } }
            return .table(table: table)
        case .bulletList, .orderedList, .blockQuote:
            return mappingChildren { $0.map { $0.normalized() } }
        case .codeBlock, .thematicBreak, .rawBlock:
            return self
        }
    }
}

extension Inline {
    /// Merges adjacent text and drops empty emphasis, strong and strikethrough, at every depth.
    public static func normalize(_ inlines: [Inline]) -> [Inline] {
        var out: [Inline] = []
        out.reserveCapacity(inlines.count)
        for inline in inlines {
            let item = inline.mappingChildren { normalize($0) }
            switch item {
            case .text(let text):
                if text.isEmpty { continue }
                if case .text(let previous)? = out.last {
                    out[out.count - 1] = .text(text: previous + text)
                    continue
                }
            case .emphasis(let c), .strong(let c), .strikethrough(let c):
                if c.isEmpty { continue }
            default:
                break
            }
            out.append(item)
        }
        return out
    }
}

extension Array where Element == Inline {
    /// Removes spaces at the start of the first and the end of the last text node.
    func trimmingEdgeSpaces() -> [Inline] {
        var copy = self
        if case .text(let t)? = copy.first {
            let trimmed = String(t.drop { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty { copy.removeFirst() } else { copy[0] = .text(text: trimmed) }
        }
        if case .text(let t)? = copy.last {
            var s = Substring(t)
            while let c = s.last, c == " " || c == "\t" { s.removeLast() }
            if s.isEmpty {
                copy.removeLast()
            } else {
                copy[copy.count - 1] = .text(text: String(s))
            }
        }
        return copy
    }
}
