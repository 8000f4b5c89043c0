import LwkdModel
import Testing

/// `normalized()` merges text, drops empty containers and trims edges; walks reach every node.
@Suite struct NormalizeTests {
    @Test func mergesAndTrims() {
        let document = Document(blocks: [
            .paragraph(content: [
                .text(text: "  a"), .text(text: "b"), .emphasis(content: []),
                .strong(content: [.text(text: "c"), .text(text: "d")]), .text(text: "e  "),
            ])
        ])
        #expect(
            document.normalized().blocks == [
                .paragraph(content: [
                    .text(text: "ab"), .strong(content: [.text(text: "cd")]), .text(text: "e"),
                ])
            ])
    }

    @Test func urlsAreCollectedInOrder() {
        let document = Document(blocks: [
            .paragraph(content: [
                .link(
                    link: Link(destination: "a"),
                    content: [.image(image: Image(source: "b"), content: [])])
            ]),
            .bulletList(
                list: BulletList(items: [
                    ListItem(blocks: [
                        .paragraph(content: [.link(link: Link(destination: "c"), content: [])])
                    ])
                ])),
        ])
        #expect(document.urls == ["a", "b", "c"])
    }

    @Test func mapInlinesReachesNestedBlocks() {
        let document = Document(blocks: [
            .blockQuote(blocks: [.paragraph(content: [.text(text: "x")])])
        ])
        let mapped = document.mapInlines {
            $0.map { if case .text = $0 { .text(text: "y") } else { $0 } }
        }
        #expect(mapped.blocks == [.blockQuote(blocks: [.paragraph(content: [.text(text: "y")])])])
    }
}
