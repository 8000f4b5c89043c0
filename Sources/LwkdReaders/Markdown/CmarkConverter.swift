internal import CCmarkGFM
import LwkdModel
import Synchronization

/// Walks a cmark-gfm tree once with the iterator's ENTER/EXIT events and builds model values on
/// an explicit stack, so nesting depth never becomes recursion depth. The C tree is freed before
/// `convert()` returns.
final class CmarkConverter {
    private let body: [UInt8]
    private var lineStarts: [Int] = [0]
    /// Byte offsets to character columns in constant time (a line may be megabytes long).
    private lazy var columns = ColumnIndex(body)
    private let lineOffset: Int
    private let path: String
    private let maximumDepth: Int
    private let diagnostics: DiagnosticSink
    private var stack: [Frame] = []
    private var depth = 0
    private var flattenedAt: Int?
    /// The stack indices of the open list frames kept (not flattened), innermost last.
    private var keptLists: [Int] = []
    /// Where links, images, raw HTML and top-level blocks start, for ``SourceMap``.
    private(set) var links: [String: [SourceRange]] = [:]
    private(set) var images: [String: [SourceRange]] = [:]
    private(set) var rawHTML: [String: [SourceRange]] = [:]
    private(set) var blockRanges: [SourceRange] = []
    /// Every node with its range, when asked for (``ReadContext/recordsOutline``).
    private(set) var outline: [SyntaxNode] = []
    private let recordsOutline: Bool
    /// Which paragraphs keep their inline nodes in the outline (``ReadContext/keepsInlines``).
    private let keepsInlines: (@Sendable (ArraySlice<UInt8>) -> Bool)?
    /// Whether the inline nodes of the leaf block entered last are recorded.
    private var recordingInlines = true
    /// Bodies longer than this are parsed in pieces (``MarkdownPieces``).
    private let pieceSize: Int
    /// The body line (0-based) the piece being converted starts on: cmark counts from the
    /// piece's first line.
    private var pieceLine = 0
    /// Where the top-level block being converted ends (body line, cmark's byte column).
    private var currentTop: (Int, Int)?
    /// The open containers of ``outline``: their index and their cmark node.
    private var outlineStack: [(index: Int, node: OpaquePointer)] = []

    init(
        body: Substring, lineOffset: Int, path: String, maximumDepth: Int,
        diagnostics: DiagnosticSink, recordsOutline: Bool = false,
        keepsInlines: (@Sendable (ArraySlice<UInt8>) -> Bool)? = nil,
        pieceSize: Int = MarkdownPieces.defaultSize
    ) {
        self.recordsOutline = recordsOutline
        self.keepsInlines = keepsInlines
        self.pieceSize = pieceSize
        // One copy of the contiguous bytes (issue 14: Array(body.utf8) copied a byte at a time
        // through the iterator, 3.5% of a feed run).
        self.body = body.utf8.withContiguousStorageIfAvailable { Array($0) } ?? Array(body.utf8)
        self.lineOffset = lineOffset
        self.path = path
        self.maximumDepth = maximumDepth
        self.diagnostics = diagnostics
        lineStarts = LineStarts.of(self.body)
    }

    /// Converts one top-level block at a time, freeing its C nodes and normalising it at once,
    /// so the C tree, the model and its normalised copy never all hold the whole post (issue
    /// 15: a 50 MB post). A long body is parsed a piece at a time (``MarkdownPieces``), so only
    /// one piece's C tree is alive. The blocks come back normalised (``Document/normalized()``).
    func convert() -> [Block] {
        let cuts = MarkdownPieces.cuts(body, lineStarts: lineStarts, size: pieceSize)
        stack = [Frame(.document)]
        for (index, first) in ([0] + cuts).enumerated() {
            let start = lineStarts[first]
            let end = index < cuts.count ? lineStarts[cuts[index]] : body.count
            guard let root = parse(start..<end) else { return [] }
            defer { cmark_node_free(root) }
            pieceLine = first
            currentTop = nil
            var child = cmark_node_first_child(root)
            while let node = child {
                blockRanges.append(range(of: node, expecting: nil))
                child = cmark_node_next(node)
            }
            while let block = cmark_node_first_child(root) {
                let first = stack[0].blocks.count
                currentTop = (endLine(block), Int(cmark_node_get_end_column(block)))
                convert(block)
                cmark_node_unlink(block)
                cmark_node_free(block)
                for i in first..<stack[0].blocks.count {
                    stack[0].blocks[i] = stack[0].blocks[i].normalized()
                }
            }
        }
        if let line = flattenedAt {
            diagnostics.warn(
                "nesting deeper than \(maximumDepth) levels flattened", file: path, line: line)
        }
        return stack.first?.blocks ?? []
    }

    /// The body line (1-based) a node starts on.
    private func startLine(_ node: OpaquePointer) -> Int {
        Int(cmark_node_get_start_line(node)) + pieceLine
    }

    /// The body line (1-based) a node ends on.
    private func endLine(_ node: OpaquePointer) -> Int {
        Int(cmark_node_get_end_line(node)) + pieceLine
    }

    /// Walks the tree under one top-level block with the iterator's ENTER/EXIT events.
    private func convert(_ block: OpaquePointer) {
        guard let iterator = cmark_iter_new(block) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_ENTER {
                if recordsOutline { record(node) }
                enter(node)
            } else if event == CMARK_EVENT_EXIT {
                if recordsOutline, let open = outlineStack.last, open.node == node {
                    outlineStack.removeLast()
                    outline[open.index].isEmpty = outline.count == open.index + 1
                }
                exit(node)
            }
        }
    }

    /// The GFM extensions every parse attaches, registered once before any parse.
    private static let extensionNames: [String] = ["table", "strikethrough", "autolink", "tasklist"]

    /// cmark-gfm (0.29.0.gfm.6, Debian 12) keeps the inline parser's special characters (`~`,
    /// `|`, `:`, `w`) in one process-wide table. `cmark_parser_finish` sets its extensions'
    /// characters in it before the inline pass and clears them after, so a parse finishing on
    /// one thread clears `~` under another still in its inline pass, which then loses its
    /// strikethrough (`ParallelParseTests`: 16 of 600 parallel parses differed without this
    /// lock). The public API cannot pin the table: emptying an extension's character list
    /// (`cmark_syntax_extension_set_special_inline_chars`) also stops the inline parser from
    /// ever calling that extension, and the parse never ends.
    ///
    /// So only `cmark_parser_finish` (the inline pass) is serialised. Registration happens
    /// once, and creating parsers, attaching extensions and block parsing (`cmark_parser_feed`)
    /// run on every core, as does the tree walk after. `make tsan` checks this under
    /// ThreadSanitizer.
    private static let finishLock = Mutex<Void>(())

    nonisolated(unsafe) private static let extensions: [OpaquePointer] = {
        cmark_gfm_core_extensions_ensure_registered()
        return extensionNames.compactMap { name in cmark_find_syntax_extension(name) }
    }()

    private func parse(_ bytes: Range<Int>) -> OpaquePointer? {
        let extensions = Self.extensions
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return nil }
        defer { cmark_parser_free(parser) }
        for ext in extensions { cmark_parser_attach_syntax_extension(parser, ext) }
        body.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                (base + bytes.lowerBound).withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    cmark_parser_feed(parser, $0, bytes.count)
                }
            }
        }
        var root: OpaquePointer?
        Self.finishLock.withLock { _ in root = cmark_parser_finish(parser) }
        return root
    }

    // MARK: - Outline

    /// Appends `node` to the outline; a container stays open until its EXIT event.
    private func record(_ node: OpaquePointer) {
        let type = coreTypeName(node) ?? typeString(node)
        let kind: SyntaxNode.Kind
        var literal = ""
        var level = 0
        var expecting: UInt8?
        var isLeaf = false
        switch type {
        case "document": return
        case "paragraph", "heading", "table_cell":
            // Inline nodes sit only in these leaf blocks, which never nest.
            if let keepsInlines {
                recordingInlines =
                    type == "heading" || (type == "paragraph" && keepsInlines(sourceBytes(of: node)))
            }
            kind = type == "paragraph" ? .paragraph : type == "heading" ? .heading : .tableCell
            if type == "heading" { level = Int(cmark_node_get_heading_level(node)) }
        case _ where !recordingInlines && Self.inlineTypes.contains(type): return
        case "block_quote": kind = .blockQuote
        case "list":
            kind = .list
            level = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST ? 1 : 0
        case "item", "tasklist": kind = .item
        case "table": kind = .table
        case "table_header", "table_row": kind = .tableRow
        case "emph": kind = .emphasis
        case "strong": kind = .strong
        case "strikethrough": kind = .strikethrough
        case "link", "image":
            kind = type == "link" ? .link : .image
            literal = string(cmark_node_get_url(node))
            expecting = UInt8(ascii: type == "link" ? "[" : "!")
        case "text", "code", "html_inline":
            kind = type == "text" ? .text : type == "code" ? .code : .htmlInline
            literal = self.literal(node)
            isLeaf = true
            if type == "html_inline" { expecting = UInt8(ascii: "<") }
        case "softbreak", "linebreak":
            kind = type == "softbreak" ? .softBreak : .lineBreak
            isLeaf = true
        case "code_block", "html_block":
            kind = type == "code_block" ? .codeBlock : .htmlBlock
            literal = self.literal(node)
            isLeaf = true
        case "thematic_break":
            kind = .thematicBreak
            isLeaf = true
        default:
            kind = .other
            literal = self.literal(node)
            isLeaf = cmark_node_first_child(node) == nil
        }
        outline.append(
            SyntaxNode(
                kind: kind, range: range(of: node, expecting: expecting, url: literal),
                parent: outlineStack.last?.index ?? -1, literal: literal, level: level,
                isEmpty: true))
        if !isLeaf { outlineStack.append((outline.count - 1, node)) }
    }

    // MARK: - Events

    private func enter(_ node: OpaquePointer) {
        let type = coreTypeName(node) ?? typeString(node)
        switch type {
        case "document":
            break
        case "block_quote":
            push(.blockQuote, node: node)
        case "list":
            let tight = cmark_node_get_list_tight(node) != 0
            if cmark_node_get_list_type(node) == CMARK_ORDERED_LIST {
                let delimiter: OrderedDelimiter =
                    cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM ? .paren : .period
                push(
                    .orderedList(Int(cmark_node_get_list_start(node)), delimiter, tight), node: node
                )
            } else {
                push(.bulletList(bulletMarker(node), tight), node: node)
            }
        case "item", "tasklist":
            let task: TaskState? =
                type == "tasklist"
                ? (cmark_gfm_extensions_get_tasklist_item_checked(node) ? .checked : .unchecked)
                : nil
            if stack.last?.isTransparent == true {
                // An item of a list past the nesting cap stays an item: it joins the deepest
                // list kept, after the item it is nested in (a slot keeps document order,
                // since nested items close first). Otherwise its text would run into that
                // item's (`<li>item64item65…`).
                if let list = keptLists.last {
                    stack[list].overflow.append(nil)
                    let slot = stack[list].overflow.count - 1
                    stack.append(Frame(.overflowItem(task, list: list, slot: slot)))
                } else {
                    stack.append(Frame(.transparent))
                }
            } else {
                stack.append(Frame(.item(task)))
            }
        case "paragraph":
            stack.append(Frame(.paragraph))
        case "heading":
            stack.append(
                Frame(.heading(Int(cmark_node_get_heading_level(node)), headingStyle(node))))
        case "table":
            let columns = Int(cmark_gfm_extensions_get_table_columns(node))
            var alignments: [Alignment] = []
            if let raw = cmark_gfm_extensions_get_table_alignments(node) {
                for i in 0..<columns {
                    switch raw[i] {
                    case UInt8(ascii: "l"): alignments.append(.left)
                    case UInt8(ascii: "c"): alignments.append(.center)
                    case UInt8(ascii: "r"): alignments.append(.right)
                    default: alignments.append(.none)
                    }
                }
            }
            stack.append(Frame(.table(alignments)))
        case "table_header", "table_row":
            stack.append(Frame(.tableRow))
        case "table_cell":
            stack.append(Frame(.tableCell))
        case "emph":
            push(.emphasis)
        case "strong":
            push(.strong)
        case "strikethrough":
            push(.strikethrough)
        case "link":
            let url = string(cmark_node_get_url(node))
            links[url, default: []].append(
                range(of: node, expecting: UInt8(ascii: "["), url: url))
            push(.link(Link(destination: url, title: string(cmark_node_get_title(node)))))
        case "image":
            let url = string(cmark_node_get_url(node))
            images[url, default: []].append(range(of: node, expecting: UInt8(ascii: "!")))
            push(.image(Image(source: url, title: string(cmark_node_get_title(node)))))
        // Leaf nodes get ENTER only.
        case "text":
            appendInline(.text(text: literal(node)))
        case "code":
            appendInline(.code(text: literal(node)))
        case "html_inline":
            let html = literal(node)
            rawHTML[html, default: []].append(range(of: node, expecting: UInt8(ascii: "<")))
            appendInline(.rawInline(format: "html", text: html))
        case "softbreak":
            appendInline(.softBreak)
        case "linebreak":
            appendInline(.hardBreak)
        case "code_block":
            var length: Int32 = 0
            var offset: Int32 = 0
            var character: CChar = 0
            let fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
            appendBlock(
                .codeBlock(
                    style: fenced ? .fenced : .indented,
                    info: string(cmark_node_get_fence_info(node)),
                    text: literal(node)))
        case "html_block":
            let html = literal(node)
            rawHTML[html, default: []].append(range(of: node, expecting: nil))
            appendBlock(.rawBlock(format: "html", text: html))
        case "thematic_break":
            appendBlock(.thematicBreak)
        default:
            // An extension node we do not model is input, not a bug: keep its text.
            diagnostics.warn(
                "unsupported Markdown node '\(type)' kept as text", file: path,
                line: startLine(node) + lineOffset)
            if cmark_node_first_child(node) == nil {
                let text = literal(node)
                if !text.isEmpty { appendInline(.text(text: text)) }
            } else {
                stack.append(Frame(.transparent))
            }
        }
    }

    private func exit(_ node: OpaquePointer) {
        guard stack.count > 1 else { return }
        if cmark_node_get_type(node) == CMARK_NODE_DOCUMENT { return }
        let frame = stack.removeLast()
        switch frame.kind {
        case .document, .transparent:
            break  // transparent frames never changed `depth`
        case .blockQuote:
            depth -= 1
            appendBlock(.blockQuote(blocks: frame.blocks))
        case .bulletList(let marker, let tight):
            depth -= 1
            keptLists.removeLast()
            appendBlock(
                .bulletList(
                    list: BulletList(
                        marker: marker, spacing: tight ? .tight : .loose, items: frame.items)))
        case .orderedList(let start, let delimiter, let tight):
            depth -= 1
            keptLists.removeLast()
            appendBlock(
                .orderedList(
                    list: OrderedList(
                        start: start, delimiter: delimiter, spacing: tight ? .tight : .loose,
                        items: frame.items)))
        case .item(let task):
            appendItem(ListItem(task: task, blocks: frame.blocks))
        case .overflowItem(let task, let list, let slot):
            stack[list].overflow[slot] = ListItem(task: task, blocks: frame.blocks)
        case .paragraph:
            appendBlock(.paragraph(content: frame.inlines))
        case .heading(let level, let style):
            appendBlock(.heading(level: level, style: style, attr: Attr(), content: frame.inlines))
        case .table(let alignments):
            guard let header = frame.rows.first else { return }
            let width = alignments.count
            let rows = frame.rows.dropFirst().map { row in
                row.count >= width
                    ? Array(row.prefix(width))
                    : row + Array(repeating: [], count: width - row.count)
            }
            appendBlock(
                .table(table: Table(alignments: alignments, header: header, rows: Array(rows))))
        case .tableRow:
            appendRow(frame.cells)
        case .tableCell:
            appendCell(frame.inlines)
        case .emphasis:
            depth -= 1
            appendInline(.emphasis(content: frame.inlines))
        case .strong:
            depth -= 1
            appendInline(.strong(content: frame.inlines))
        case .strikethrough:
            depth -= 1
            appendInline(.strikethrough(content: frame.inlines))
        case .link(var link):
            depth -= 1
            if isAutolink(link.destination, frame.inlines) { link.kind = .autolink }
            appendInline(.link(link: link, content: frame.inlines))
        case .image(let image):
            depth -= 1
            appendInline(.image(image: image, content: frame.inlines))
        }
    }

    // MARK: - Stack

    /// Pushes a container block (its line is recorded for the flattening warning) or an inline
    /// container (`node` nil); past `maximumDepth` the frame is transparent.
    private func push(_ kind: Frame.Kind, node: OpaquePointer? = nil) {
        guard depth < maximumDepth else {
            if flattenedAt == nil, let node {
                flattenedAt = startLine(node) + lineOffset
            }
            stack.append(Frame(.transparent))
            return
        }
        depth += 1
        stack.append(Frame(kind))
        if stack[stack.count - 1].isList { keptLists.append(stack.count - 1) }
    }

    private func targetIndex() -> Int {
        var i = stack.count - 1
        while i > 0, stack[i].isTransparent { i -= 1 }
        return i
    }

    private func appendBlock(_ block: Block) {
        let i = targetIndex()
        if case .bulletList = stack[i].kind {
            stack[i].items.append(ListItem(blocks: [block]))
        } else if case .orderedList = stack[i].kind {
            stack[i].items.append(ListItem(blocks: [block]))
        } else {
            stack[i].blocks.append(block)
        }
    }

    private func appendItem(_ item: ListItem) {
        let i = targetIndex()
        switch stack[i].kind {
        case .bulletList, .orderedList:
            stack[i].items.append(item)
            // The items flattened out of deeper lists follow the item they were nested in.
            if !stack[i].overflow.isEmpty {
                // An item whose only content was its nested list (`- - - x`) has nothing left.
                stack[i].items.append(
                    contentsOf: stack[i].overflow.compactMap { $0 }.filter {
                        !$0.blocks.isEmpty || $0.task != nil
                    })
                stack[i].overflow.removeAll()
            }
        default: stack[i].blocks.append(contentsOf: item.blocks)
        }
    }

    private func appendInline(_ inline: Inline) {
        let i = targetIndex()
        stack[i].inlines.append(inline)
    }

    private func appendRow(_ cells: [[Inline]]) {
        let i = targetIndex()
        stack[i].rows.append(cells)
    }

    private func appendCell(_ cell: [Inline]) {
        let i = targetIndex()
        stack[i].cells.append(cell)
    }

    // MARK: - Node facts

    /// Core node kinds by their enum value (no C string copy); nil for extension nodes, which
    /// share raw type values and are told apart by their type string.
    private func coreTypeName(_ node: OpaquePointer) -> String? {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: "document"
        case CMARK_NODE_BLOCK_QUOTE: "block_quote"
        case CMARK_NODE_LIST: "list"
        case CMARK_NODE_CODE_BLOCK: "code_block"
        case CMARK_NODE_HTML_BLOCK: "html_block"
        case CMARK_NODE_PARAGRAPH: "paragraph"
        case CMARK_NODE_HEADING: "heading"
        case CMARK_NODE_THEMATIC_BREAK: "thematic_break"
        case CMARK_NODE_TEXT: "text"
        case CMARK_NODE_SOFTBREAK: "softbreak"
        case CMARK_NODE_LINEBREAK: "linebreak"
        case CMARK_NODE_CODE: "code"
        case CMARK_NODE_HTML_INLINE: "html_inline"
        case CMARK_NODE_EMPH: "emph"
        case CMARK_NODE_STRONG: "strong"
        case CMARK_NODE_LINK: "link"
        case CMARK_NODE_IMAGE: "image"
        default: nil
        }
    }

    private func typeString(_ node: OpaquePointer) -> String {
        cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
    }

    private func literal(_ node: OpaquePointer) -> String { string(cmark_node_get_literal(node)) }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// The node's source range in the file: lines past the front matter, columns in characters.
    ///
    /// cmark-gfm counts an inline's column from the start of a paragraph continuation line
    /// after its leading spaces are stripped, so the column can fall short; when `expecting`
    /// names the node's first byte (`[` of a link) and the byte there differs, the first such
    /// byte further on the line is taken, unless the node is a bare autolink.
    private func range(of node: OpaquePointer, expecting: UInt8?, url: String = "")
        -> SourceRange
    {
        if cmark_node_get_start_line(node) == 0, let placed = unplacedRange(of: node, url: url) {
            return placed
        }
        var line = startLine(node)
        var column = Int(cmark_node_get_start_column(node))
        var endLine = self.endLine(node)
        var endColumn = Int(cmark_node_get_end_column(node))
        // A block that the next line closed (a fence in a list item, closed by the heading
        // after it) ends, by cmark-gfm, on that line: never past its top-level block.
        if let top = currentTop, (endLine, endColumn) > top { (endLine, endColumn) = top }
        if let expecting, let earlier = earlierStart(line, column, endLine, endColumn, expecting) {
            line = earlier
        } else if let expecting, line >= 1, line <= lineStarts.count {
            let start = lineStarts[line - 1]
            let end = line < lineStarts.count ? lineStarts[line] : body.count
            let at = start + column - 1
            if at >= end, let found = pointyAutolink(url, from: start, to: end) {
                // cmark gives a `<scheme:…>` autolink after the paragraph's first line the
                // column of its byte offset in the whole paragraph: find it on its line.
                column = found - start + 1
                if endLine == line { endColumn = column + Array(url.utf8).count + 1 }
            } else if at >= start, at + 1 < end, body[at] != expecting, !url.isEmpty,
                !startsBareAutolink(at: at, url: url), startsBareAutolink(at: at + 1, url: url)
            {
                // cmark-gfm places a `www.` link one column early, on the byte before it.
                column += 1
                if endLine == line { endColumn += 1 }
            } else if at >= start, at < end, body[at] != expecting, body[at] != UInt8(ascii: "<"),
                !startsBareAutolink(at: at, url: url),
                let found = body[at..<end].firstIndex(of: expecting)
            {
                let shift = found - at
                column += shift
                if endLine == line { endColumn += shift }
            }
        }
        return SourceRange(
            line: line + lineOffset, column: characterColumn(line: line, byteColumn: column),
            endLine: endLine + lineOffset,
            endColumn: characterColumn(line: endLine, byteColumn: endColumn))
    }

    /// cmark-gfm gives an inline that spans lines (`[the\nnotes](url)`) the start line of its
    /// end: when the byte at the reported start is not `expecting`, or the range runs
    /// backwards, the line above holding `expecting` at that column (within the paragraph) is
    /// the real start.
    private func earlierStart(
        _ line: Int, _ column: Int, _ endLine: Int, _ endColumn: Int, _ expecting: UInt8
    ) -> Int? {
        guard line >= 2, line <= lineStarts.count, column >= 1 else { return nil }
        func byte(_ l: Int) -> UInt8? {
            let start = lineStarts[l - 1]
            let end = l < lineStarts.count ? lineStarts[l] : body.count
            let at = start + column - 1
            return at < end ? body[at] : nil
        }
        // A range that runs backwards, or a start line with no `expecting` at or after the
        // column (the continuation-line shift above looks further along the line).
        let backwardsRange = endLine == line && endColumn < column
        if !backwardsRange, byte(line) == expecting { return nil }
        let start = lineStarts[line - 1]
        let end = line < lineStarts.count ? lineStarts[line] : body.count
        let rest = min(end, start + column - 1)..<end
        guard backwardsRange || !body[rest].contains(expecting) else { return nil }
        var l = line - 1
        while l >= 1, line - l <= 100 {
            let start = lineStarts[l - 1]
            let end = l < lineStarts.count ? lineStarts[l] : body.count
            if body[start..<end].allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) {
                return nil  // a paragraph never spans a blank line
            }
            if byte(l) == expecting { return l }
            l -= 1
        }
        return nil
    }

    /// Where `<url>` (or `<address>` for a `mailto:`) starts between `start` and `end`.
    private static let inlineTypes: Set<String> = [
        "text", "code", "html_inline", "softbreak", "linebreak", "emph", "strong",
        "strikethrough", "link", "image",
    ]

    /// The source lines a node spans, whole (cmark-gfm's columns are not always right).
    private func sourceBytes(of node: OpaquePointer) -> ArraySlice<UInt8> {
        let first = min(max(1, startLine(node)), lineStarts.count)
        let last = min(max(first, endLine(node)), lineStarts.count)
        let end = last < lineStarts.count ? lineStarts[last] : body.count
        return body[lineStarts[first - 1]..<end]
    }

    private static let blockTypes: Set<String> = [
        "paragraph", "table", "table_header", "table_row", "heading", "code_block", "html_block",
        "list", "item", "block_quote", "thematic_break",
    ]

    /// Where the search for the next unplaced autolink of a block starts: the block and a byte.
    private var unplacedCursor: (block: OpaquePointer, offset: Int)?

    /// The range of a node cmark-gfm gives no position: its autolink extension places a
    /// `www.` link but not an `https://` or e-mail one (line 0, which came out as the line
    /// before the body, or of the piece before). The link's text is found in its block's
    /// source after the previous such link; failing that, the block's start stands for it.
    private func unplacedRange(of node: OpaquePointer, url: String) -> SourceRange? {
        var block = cmark_node_parent(node)
        while let b = block, cmark_node_get_start_line(b) == 0 { block = cmark_node_parent(b) }
        guard let block else { return nil }
        let line = startLine(block)
        let lastLine = min(endLine(block), lineStarts.count)
        guard line >= 1, line <= lineStarts.count, lastLine >= line else { return nil }
        let blockStart = lineStarts[line - 1] + max(0, Int(cmark_node_get_start_column(block)) - 1)
        let blockEnd = lastLine < lineStarts.count ? lineStarts[lastLine] : body.count
        var from = blockStart
        if let cursor = unplacedCursor, cursor.block == block { from = max(from, cursor.offset) }
        // A block (the paragraph the table extension leaves before a table) starts on a line
        // after the block before it.
        if Self.blockTypes.contains(typeString(node)) {
            var previous = cmark_node_previous(node)
            while let p = previous, cmark_node_get_start_line(p) == 0 { previous = cmark_node_previous(p) }
            if let previous, endLine(previous) >= 1, endLine(previous) < lineStarts.count {
                from = max(from, lineStarts[endLine(previous)])
            }
        }
        var text = ""
        if let child = cmark_node_first_child(node) { text = literal(child) }
        var end = blockEnd
        if Self.blockTypes.contains(typeString(node)) {
            // A block's text is found before the next blank line, or not at all (so that a post
            // of such blocks is not searched to its end for each).
            func isBlank(_ range: Range<Int>) -> Bool {
                body[range].allSatisfy { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }
            }
            while from < blockEnd {
                let next = body[from..<blockEnd].firstIndex(of: 10).map { $0 + 1 } ?? blockEnd
                guard isBlank(from..<next) else { break }
                from = next
            }
            end = from
            while end < blockEnd {
                let next = body[end..<blockEnd].firstIndex(of: 10).map { $0 + 1 } ?? blockEnd
                if isBlank(end..<next) { break }
                end = next
            }
        }
        for form in [text, url, String(url.trimmingPrefix("mailto:"))] where !form.isEmpty {
            let needle = Array(form.utf8)
            guard from < end, let found = body[from..<end].firstRange(of: needle) else {
                continue
            }
            unplacedCursor = (block, found.upperBound)
            let at = self.line(holding: found.lowerBound)
            let column = found.lowerBound - lineStarts[at - 1] + 1
            let endColumn = column + needle.count - 1
            return SourceRange(
                line: at + lineOffset, column: characterColumn(line: at, byteColumn: column),
                endLine: at + lineOffset,
                endColumn: characterColumn(line: at, byteColumn: endColumn))
        }
        if from > blockStart, Self.blockTypes.contains(typeString(node)) {
            // A block whose text is not found as written starts after the block before it.
            return SourceRange(line: self.line(holding: from) + lineOffset, column: 1)
        }
        let column = Int(cmark_node_get_start_column(block))
        return SourceRange(
            line: line + lineOffset, column: characterColumn(line: line, byteColumn: column))
    }

    /// The line (1-based) holding byte `offset` of the body: the last line start at or before it.
    private func line(holding offset: Int) -> Int {
        lineStarts.lineNumber(ofOffset: offset)
    }

    private func pointyAutolink(_ url: String, from start: Int, to end: Int) -> Int? {
        guard !url.isEmpty else { return nil }
        for form in [url, String(url.trimmingPrefix("mailto:"))] where !form.isEmpty {
            let needle = [UInt8(ascii: "<")] + Array(form.utf8)
            guard end - start >= needle.count else { continue }
            for i in start...(end - needle.count) where body[i] == needle[0] {
                if Array(body[i..<(i + needle.count)]) == needle { return i }
            }
        }
        return nil
    }

    /// True when the source at `at` is the address of a GFM bare autolink to `url`.
    private func startsBareAutolink(at: Int, url: String) -> Bool {
        guard !url.isEmpty else { return false }
        for form in [url, String(url.trimmingPrefix("http://")), String(url.trimmingPrefix("mailto:"))]
        where !form.isEmpty {
            let bytes = Array(form.utf8)
            if at + bytes.count <= body.count, Array(body[at..<(at + bytes.count)]) == bytes {
                return true
            }
        }
        return false
    }

    /// A 1-based byte column as a 1-based character column (UTF-8 lead bytes counted).
    private func characterColumn(line: Int, byteColumn: Int) -> Int {
        guard line >= 1, line <= lineStarts.count, byteColumn >= 1 else { return max(1, byteColumn) }
        let start = lineStarts[line - 1]
        let end = min(body.count, start + byteColumn - 1)
        guard end > start else { return 1 }
        // Short spans are counted directly; the index answers long lines in constant time.
        if end - start <= 256 {
            return ColumnIndex.scalars(in: body, start..<end) + 1
        }
        return columns.scalars(before: end, in: body) - columns.scalars(before: start, in: body) + 1
    }

    /// The source byte where a node starts, from cmark's 1-based line and byte column.
    private func sourceByte(_ node: OpaquePointer) -> UInt8? {
        let line = startLine(node) - 1
        let column = Int(cmark_node_get_start_column(node)) - 1
        guard line >= 0, line < lineStarts.count, column >= 0 else { return nil }
        let offset = lineStarts[line] + column
        return offset < body.count ? body[offset] : nil
    }

    /// ATX when the heading is one line starting with `#`: a setext heading's text may start
    /// with `#` too (`######--` is no ATX opening), but its underline is a line of its own.
    private func headingStyle(_ node: OpaquePointer) -> HeadingStyle {
        let oneLine = endLine(node) <= startLine(node)
        return (oneLine && sourceByte(node) == UInt8(ascii: "#"))
            || cmark_node_get_heading_level(node) > 2 ? .atx : .setext
    }

    private func bulletMarker(_ node: OpaquePointer) -> BulletMarker {
        switch sourceByte(node) {
        case UInt8(ascii: "*"): return .star
        case UInt8(ascii: "+"): return .plus
        default: return .dash
        }
    }

    /// `<https://x>`, `<a@b.c>` and GFM's bare `www.x` / `https://x` links all read back as
    /// links whose only text is the address.
    private func isAutolink(_ destination: String, _ content: [Inline]) -> Bool {
        guard content.count == 1, case .text(let text) = content[0] else { return false }
        return destination == text || destination == "mailto:" + text
            || destination == "http://" + text
    }
}

private struct Frame {
    enum Kind {
        case document, transparent, blockQuote
        case bulletList(BulletMarker, Bool)
        case orderedList(Int, OrderedDelimiter, Bool)
        case item(TaskState?)
        /// An item nested past the cap, bound for slot `slot` of list frame `list`.
        case overflowItem(TaskState?, list: Int, slot: Int)
        case paragraph
        case heading(Int, HeadingStyle)
        case table([Alignment])
        case tableRow, tableCell
        case emphasis, strong, strikethrough
        case link(Link)
        case image(Image)
    }

    var kind: Kind
    var blocks: [Block] = []
    var inlines: [Inline] = []
    var items: [ListItem] = []
    var cells: [[Inline]] = []
    var rows: [[[Inline]]] = []
    /// A kept list's items from lists nested past the cap, in document order.
    var overflow: [ListItem?] = []

    init(_ kind: Kind) { self.kind = kind }

    var isTransparent: Bool {
        if case .transparent = kind { return true }
        return false
    }

    var isList: Bool {
        switch kind {
        case .bulletList, .orderedList: true
        default: false
        }
    }
}
