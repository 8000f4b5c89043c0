import LwkdModel

/// The book's chapters made ready to render: heading ids unique across the book, links between
/// posts pointing inside it, local images embedded and remote ones turned into links.
struct EPUBContent {
    struct Section {
        var id: String
        var title: String
    }

    struct Chapter {
        var role: EPUBBook.Chapter.Role
        var file: String
        var title: String
        var titleID: String
        var date: PostDate?
        var permalink: String?
        var sections: [Section]
        var blocks: [Block]
    }

    var chapters: [Chapter] = []
    var images = EPUBImages()

    init(book: EPUBBook, in context: WriteContext) throws(WriteError) {
        var ids = HeadingIDs()
        var localToGlobal: [[String: String]] = []
        // Pass 1: ids, so that pass 2 can point links at headings in any chapter.
        for (index, source) in book.chapters.enumerated() {
            var local = HeadingIDs()
            var map: [String: String] = [:]
            let titleID = ids.make(for: source.title)
            var sections: [Section] = []
            let shift =
                source.blocks.contains { if case .heading(1, _, _, _) = $0 { true } else { false } }
                ? 1 : 0
            let blocks = Block.mapAll(source.blocks) { block in
                guard case .heading(let level, let style, let attr, let content) = block else {
                    return block
                }
                let text = content.plainText
                let key = attr.identifier.isEmpty ? text : attr.identifier
                let localID = attr.identifier.isEmpty ? local.make(for: key) : attr.identifier
                let globalID = ids.make(for: key)
                map[localID] = globalID
                if level + shift == 2, case .post = source.role {
                    sections.append(Section(id: globalID, title: text.isEmpty ? "Section" : text))
                }
                return .heading(
                    level: min(6, level + shift), style: style, attr: Attr(identifier: globalID),
                    content: content)
            }
            localToGlobal.append(map)
            chapters.append(
                Chapter(
                    role: source.role, file: EPUBContent.fileName(ofChapter: index),
                    title: source.title,
                    titleID: titleID,
                    date: source.date, permalink: source.permalink, sections: sections,
                    blocks: blocks))
        }
        // Pass 2: links and images.
        for index in chapters.indices {
            var rewriter = EPUBLinkRewriter(
                book: book, chapterIndex: index, maps: localToGlobal, files: chapters.map(\.file),
                context: context, file: book.chapters[index].fileName,
                sourceMap: book.chapters[index].sourceMap)
            let blocks = chapters[index].blocks
            var failure: WriteError?
            let mapped = Document(blocks: blocks).mapInlines { list in
                var out: [Inline] = []
                out.reserveCapacity(list.count)
                for inline in list {
                    do throws(WriteError) {
                        out += try rewriter.rewrite(inline, images: &images)
                    } catch {
                        failure = failure ?? error
                        out.append(inline)
                    }
                }
                return out
            }
            if let failure { throw failure }
            chapters[index].blocks = mapped.blocks
        }
    }

    /// `/images/x.png` for `https://lwkd.info/images/x.png` when the site is lwkd.info.
    static func sitePath(of url: String, site: Site) -> String? {
        let host = site.baseURL.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        guard !host.isEmpty else { return nil }
        for scheme in ["https://", "http://", "//"] {
            for name in [host, "www." + host] where url.lowercased().hasPrefix(scheme + name + "/")
            {
                return String(url.dropFirst(scheme.count + name.count))
            }
        }
        return nil
    }

    static func fileName(ofChapter index: Int) -> String {
        let n = String(index + 1)
        return "chapter-" + String(repeating: "0", count: max(0, 3 - n.count)) + n + ".xhtml"
    }
}

extension Block {
    /// Applies `transform` to every block at any depth, children first.
    static func mapAll(_ blocks: [Block], _ transform: (Block) -> Block) -> [Block] {
        blocks.map { transform($0.mappingChildren { mapAll($0, transform) }) }
    }
}
