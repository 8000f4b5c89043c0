import LwkdModel

/// A seeded, size-bounded generator of normalised documents for property tests.
///
/// It produces only what Markdown can express the way cmark-gfm reads it back (non-empty text
/// without leading or trailing spaces, no breaks in ATX headings, tables with uniform rows), so
/// `read(write(d)) == d` is a fair property. Text holding a bare e-mail address is left out on
/// purpose: GFM's autolink extension links it whatever escapes surround it, so Markdown cannot
/// express it as text.
public struct DocumentGenerator {
    private var state: UInt64

    /// Creates a generator; equal seeds give equal sequences.
    public init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    private mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    private static let words = [
        "kubelet", "API", "node", "scheduler", "KEP-1234", "v1.30", "snake_case", "a*b", "x_y_",
        "[WIP]",
        "50%", "<tag>", "&amp;", "#123", "1.", "2)", "-", "+", "~tilde", "back\\slash", "`tick`",
        "pipe|bar", "é", "日本", "!bang", "www.example.com", "https://k8s.io", ">quote", "=",
    ]

    /// A document of up to `size` top-level blocks.
    public mutating func document(size: Int) -> Document {
        let count = int(1...max(1, size))
        var blocks: [Block] = []
        for _ in 0..<count { blocks.append(block(depth: 0)) }
        return Document(
            meta: Meta(entries: [MetaEntry(key: "title", value: .string(value: "Generated"))]),
            blocks: blocks
        )
        .normalized()
    }

    private mutating func block(depth: Int) -> Block {
        let choice = depth > 2 ? int(0...3) : int(0...9)
        switch choice {
        case 0, 1: return .paragraph(content: inlines(depth: 0, allowBreaks: true))
        case 2:
            return .heading(
                level: int(1...6), style: .atx, attr: Attr(),
                content: inlines(depth: 0, allowBreaks: false))
        case 3:
            return .codeBlock(
                style: .fenced, info: pick(["", "go", "yaml"]), text: "x := `y`\n  ```\nz\n")
        case 4:
            return .heading(
                level: int(1...2), style: .setext, attr: Attr(),
                content: inlines(depth: 0, allowBreaks: false))
        case 5: return .thematicBreak
        case 6:
            // A loose list needs two items: one item with one paragraph always reads back tight.
            let count = int(1...3)
            let tight = count == 1 || int(0...1) == 0
            let items = (0..<count).map { _ in
                ListItem(blocks: itemBlocks(depth: depth, tight: tight))
            }
            return .bulletList(
                list: BulletList(
                    marker: pick([.dash, .star, .plus]), spacing: tight ? .tight : .loose,
                    items: items))
        case 7:
            let count = int(1...3)
            let tight = count == 1 || int(0...1) == 0
            let items = (0..<count).map { _ in
                ListItem(blocks: itemBlocks(depth: depth, tight: tight))
            }
            return .orderedList(
                list: OrderedList(
                    start: int(1...12), delimiter: pick([.period, .paren]),
                    spacing: tight ? .tight : .loose, items: items))
        case 8:
            return .blockQuote(blocks: [
                block(depth: depth + 1), .paragraph(content: inlines(depth: 0, allowBreaks: true)),
            ])
        default:
            let columns = int(1...3)
            let cell: () -> [Inline] = { [.text(text: "cell")] }
            return .table(
                table: Table(
                    alignments: (0..<columns).map { _ in pick([.none, .left, .center, .right]) },
                    header: (0..<columns).map { _ in [.text(text: "head")] },
                    rows: (0..<int(0...2)).map { _ in (0..<columns).map { _ in cell() } }))
        }
    }

    private mutating func itemBlocks(depth: Int, tight: Bool) -> [Block] {
        var blocks: [Block] = [.paragraph(content: inlines(depth: 0, allowBreaks: false))]
        if int(0...2) == 0 {
            let count = int(1...2)
            let inner = (0..<count).map { _ in
                ListItem(blocks: [.paragraph(content: inlines(depth: 0, allowBreaks: false))])
            }
            blocks.append(
                .bulletList(
                    list: BulletList(
                        marker: .dash, spacing: tight || count == 1 ? .tight : .loose, items: inner)
                ))
        } else if !tight, int(0...2) == 0 {
            blocks.append(block(depth: depth + 1))
        }
        return blocks
    }

    private mutating func inlines(depth: Int, allowBreaks: Bool) -> [Inline] {
        var out: [Inline] = [.text(text: pick(Self.words))]
        for _ in 0..<int(0...4) {
            switch depth > 1 ? 0 : int(0...9) {
            case 0, 1: out.append(.text(text: " " + pick(Self.words)))
            case 2: out += [.text(text: " "), .emphasis(content: [.text(text: pick(Self.words))])]
            case 3: out += [.text(text: " "), .strong(content: [.text(text: pick(Self.words))])]
            case 4: out += [.text(text: " "), .code(text: pick(["a", "`b`", "c d", "x|y"]))]
            case 5:
                out += [
                    .text(text: " "),
                    .link(
                        link: Link(
                            destination: pick([
                                "https://k8s.io/a_(b)", "/2018/x.png", "https://x.io/a b",
                            ]), title: pick(["", "T \"q\""])),
                        content: [.text(text: pick(Self.words))]),
                ]
            case 6: out += [.text(text: " "), .strikethrough(content: [.text(text: "gone")])]
            case 7 where allowBreaks: out += [.softBreak, .text(text: pick(Self.words))]
            case 8 where allowBreaks: out += [.hardBreak, .text(text: pick(Self.words))]
            default:
                out += [
                    .text(text: " "),
                    .image(image: Image(source: "/img/a.png"), content: [.text(text: "alt")]),
                ]
            }
        }
        return out
    }
}
