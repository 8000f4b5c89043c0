internal import CLibXML2

/// Parses HTML with libxml2's HTML parser into ``HTMLNode`` values.
///
/// libxml2 repairs what a browser would repair (unclosed tags, stray end tags); its SAX events
/// build the Swift tree directly (no C tree), or go to an ``HTMLEventSink`` with no tree at
/// all. No network access, no DTD loading.
public enum HTMLParser {
    /// Parses a fragment (the content of a `<body>`) and returns its top-level nodes.
    public static func parseFragment(_ html: String) -> [HTMLNode] {
        // Line numbers stay those of the fragment: the wrapper adds no newline.
        let root = parse("<!DOCTYPE html><html><body>" + html + "</body></html>")
        guard let root else { return html.isEmpty ? [] : [.text(html)] }
        for case .element(let element) in root.children where element.name == "body" {
            return element.children
        }
        return []
    }

    /// Parses a whole document and returns its `<html>` element, or nil when libxml2 could not
    /// build a tree.
    public static func parseDocument(_ html: String) -> HTMLElement? {
        parse(html)
    }

    private static let options = Int32(
        HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)

    private static func parse(_ html: String) -> HTMLElement? {
        let builder = TreeSink()
        parse(html, into: builder)
        return builder.root()
    }

    /// Parses `html` with libxml2's HTML parser and hands `sink` the document's tree as
    /// events, in order, never building it: no C tree of the whole document is made (for a
    /// big page it was the largest thing in memory, about six times the page; issue 15), and
    /// the sink keeps only what it needs.
    ///
    /// libxml2 repairs the document (implied `html`, `body`, end tags) through the SAX
    /// callbacks its own tree builder gets; ``SAXDriver`` adds what that builder decides (what
    /// becomes of nodes outside the root, its depth limit), so the events describe exactly the
    /// tree ``parseViaLibxmlTree(_:)`` converts: the root element first and last, every start
    /// matched by an end.
    public static func parse(_ html: String, into sink: some HTMLEventSink) {
        xmlInitParser()
        guard let context = htmlNewParserCtxt() else { return }
        defer { htmlFreeParserCtxt(context) }
        let driver = SAXDriver(sink: sink)
        let handler = context.pointee.sax!
        handler.pointee.startElement = { context, name, attributes in
            SAXDriver.of(context).start(name, attributes, in: context)
        }
        handler.pointee.endElement = { context, _ in SAXDriver.of(context).end() }
        handler.pointee.characters = { context, bytes, count in
            SAXDriver.of(context).text(bytes, count, cdata: false)
        }
        handler.pointee.cdataBlock = { context, bytes, count in
            SAXDriver.of(context).text(bytes, count, cdata: true)
        }
        handler.pointee.comment = { context, value in SAXDriver.of(context).comment(value) }
        handler.pointee.internalSubset = { context, name, externalID, systemID in
            SAXDriver.of(context).outsideNode()
            // The DOCTYPE stays on the C document: the parser reads it back (a strict
            // HTML 4 DTD changes which blanks in `body` it keeps).
            xmlSAX2InternalSubset(context, name, externalID, systemID)
        }
        // A processing instruction (and an entity reference) is a node the tree keeps but the
        // conversion drops: it still parts the text on either side.
        handler.pointee.processingInstruction = { context, _, _ in
            SAXDriver.of(context).droppedNode()
        }
        handler.pointee.reference = { context, _ in SAXDriver.of(context).droppedNode() }
        context.pointee._private = Unmanaged.passUnretained(driver).toOpaque()
        let text = html.isEmpty ? "<html></html>" : html
        // Read from the string's own UTF-8 a part at a time: libxml2 copies a memory input
        // whole, and converts it whole again into its own buffer (two more copies of a big
        // page); an input it reads keeps only the parts it has not parsed yet.
        let doc = MemoryInput.read(text) { read, input in
            htmlCtxtReadIO(context, read, nil, input, nil, "UTF-8", options)
        }
        // The document node (and its DOCTYPE) the default start-of-document handler made.
        if let doc { xmlFreeDoc(doc) }
        driver.finish()
    }

    /// The tree as libxml2's own tree builder makes it, converted: what ``parse(_:)`` must
    /// equal (the tests compare the two).
    package static func parseViaLibxmlTree(_ html: String) -> HTMLElement? {
        xmlInitParser()
        var text = html.isEmpty ? "<html></html>" : html
        let doc = text.withUTF8 { buffer -> htmlDocPtr? in
            guard let base = buffer.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), nil, "UTF-8", options)
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let rootNode = xmlDocGetRootElement(doc) else { return nil }
        guard case .element(let root)? = convert(rootNode, doc: doc) else { return nil }
        return root
    }

    private static func convert(_ node: xmlNodePtr, doc: htmlDocPtr) -> HTMLNode? {
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            let name = node.pointee.name.map { String(cString: $0) } ?? ""
            var element = HTMLElement(name: name.lowercased(), line: Int(xmlGetLineNo(node)))
            var attribute = node.pointee.properties
            while let attr = attribute {
                let attrName = attr.pointee.name.map { String(cString: $0) } ?? ""
                var value = ""
                if let raw = xmlNodeListGetString(doc, attr.pointee.children, 1) {
                    value = String(cString: raw)
                    lwkd_xml_free(raw)
                }
                element.attributes.append(HTMLAttribute(name: attrName.lowercased(), value: value))
                attribute = attr.pointee.next
            }
            var child = node.pointee.children
            while let current = child {
                if let converted = convert(current, doc: doc) { element.children.append(converted) }
                child = current.pointee.next
                // Each C node goes as soon as it is converted, so the C tree and the Swift
                // tree never both hold a whole big document (issue 15: memory).
                xmlUnlinkNode(current)
                xmlFreeNode(current)
            }
            return .element(element)
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            return .text(node.pointee.content.map { String(cString: $0) } ?? "")
        case XML_COMMENT_NODE:
            return .comment(node.pointee.content.map { String(cString: $0) } ?? "")
        default:
            return nil
        }
    }
}

/// What ``HTMLParser/parse(_:into:)`` reports of a document's tree, in document order.
public protocol HTMLEventSink: AnyObject {
    /// An element starts (its children are empty; they follow as events).
    func startElement(_ element: HTMLElement)
    /// The element last started and not yet ended ends.
    func endElement()
    /// Character data, entities decoded: from the text (`cdata` false) or a raw-text element
    /// or CDATA block (`cdata` true). Text may come in several parts.
    func text(_ text: String, cdata: Bool)
    /// A comment.
    func comment(_ text: String)
    /// A node that ``HTMLNode`` has no case for (a processing instruction): it is not kept,
    /// but text on its two sides stays two nodes.
    func droppedNode()
}

/// Turns libxml2's SAX callbacks into ``HTMLEventSink`` events, deciding as libxml2's tree
/// builder (`SAX2.c`) does what becomes of each node.
private final class SAXDriver {
    let sink: any HTMLEventSink
    /// Elements open, as libxml2 counts them (those dropped too).
    private var depth = 0
    /// Elements started and not ended, as the sink sees them.
    private var forwarded = 0
    /// The document's first child: libxml2 puts an element that starts after the root has
    /// ended (`</html>x`) inside that node, so it lands in the root element, or nowhere seen
    /// when the first child is the DOCTYPE, a comment or a processing instruction.
    private enum First { case none, root, other }
    private var first = First.none
    private var hasRoot = false
    /// Whether the element open at the document level is the root.
    private var topLevelIsRoot = false
    /// The depth at which a dropped element (after the root, with the DOCTYPE first) started;
    /// 0 outside one.
    private var droppedFrom = 0

    /// libxml2's limit on open nodes (`xmlParserMaxDepth`, without `XML_PARSE_HUGE`): another
    /// element would be one too many. It also keeps every recursive walk of the tree shallow.
    static let maximumOpen = 256

    init(sink: any HTMLEventSink) { self.sink = sink }

    static func of(_ context: UnsafeMutableRawPointer?) -> SAXDriver {
        let parser = context!.assumingMemoryBound(to: xmlParserCtxt.self)
        return Unmanaged<SAXDriver>.fromOpaque(parser.pointee._private).takeUnretainedValue()
    }

    func start(
        _ name: UnsafePointer<xmlChar>?,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
        in context: UnsafeMutableRawPointer?
    ) {
        let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self)
        if depth > Self.maximumOpen {
            // libxml2's tree builder stops the parser here ("Excessive depth in document");
            // so does this one, and the tree keeps what came before.
            xmlStopParser(parser)
            return
        }
        // The name as libxml2's tree builder keeps it, split the same way (`xmlSplitQName`
        // keeps what follows the first colon), with the same side effect: a local part that
        // is not a name stops all later text and comments reaching the tree.
        var prefix: UnsafeMutablePointer<xmlChar>?
        var localName = ""
        if let name {
            if let local = xmlSplitQName(parser, name, &prefix) {
                localName = String(cString: local)
                lwkd_xml_free(local)
            } else {
                localName = String(cString: name)
            }
            if let prefix { lwkd_xml_free(prefix) }
        }
        depth += 1
        if depth == 1 {
            topLevelIsRoot = !hasRoot
            if !hasRoot {
                hasRoot = true
                if first == .none { first = .root }
            } else if first != .root {
                droppedFrom = depth
            }
        }
        guard droppedFrom == 0 else { return }
        var element = HTMLElement(
            name: localName.lowercased(), line: Int(parser?.pointee.input?.pointee.line ?? 0))
        if var pair = attributes {
            while let attributeName = pair[0] {
                // A boolean attribute without a value has its name as value (`checked`).
                let value =
                    pair[1].map { String(cString: $0) }
                    ?? (htmlIsBooleanAttr(attributeName) != 0 ? String(cString: attributeName) : "")
                element.attributes.append(
                    HTMLAttribute(name: String(cString: attributeName).lowercased(), value: value))
                pair += 2
            }
        }
        forwarded += 1
        sink.startElement(element)
    }

    func end() {
        guard depth > 0 else { return }
        depth -= 1
        if droppedFrom != 0 {
            if depth < droppedFrom { droppedFrom = 0 }
            return
        }
        // The root ends last, after what libxml2 puts into it once it has ended.
        if depth == 0, topLevelIsRoot { return }
        forwarded -= 1
        sink.endElement()
    }

    func text(_ bytes: UnsafePointer<xmlChar>?, _ count: Int32, cdata: Bool) {
        // Text outside every element is dropped, as libxml2's tree builder drops it.
        guard let bytes, count > 0, depth > 0, droppedFrom == 0 else { return }
        sink.text(
            String(decoding: UnsafeBufferPointer(start: bytes, count: Int(count)), as: UTF8.self),
            cdata: cdata)
    }

    func comment(_ value: UnsafePointer<xmlChar>?) {
        guard depth > 0 else { return outsideNode() }
        guard droppedFrom == 0 else { return }
        sink.comment(value.map { String(cString: $0) } ?? "")
    }

    func droppedNode() {
        guard depth > 0 else { return outsideNode() }
        if droppedFrom == 0 { sink.droppedNode() }
    }

    /// A child of the document other than an element (a DOCTYPE, a comment, a processing
    /// instruction): not kept, but it may be the document's first child.
    func outsideNode() {
        if first == .none { first = .other }
    }

    /// Ends what is still open, the root last.
    func finish() {
        while forwarded > 0 {
            forwarded -= 1
            sink.endElement()
        }
    }
}

/// Builds ``HTMLNode`` values from the events, as libxml2's tree builder would build C nodes:
/// adjacent character data joins one text node (a CDATA block joins only another).
private final class TreeSink: HTMLEventSink {
    /// The open elements, outermost first; the first is the document, holding the root.
    private var open: [HTMLElement] = [HTMLElement(name: "")]
    /// For each open element, whether its last child is text from `characters` (1) or a CDATA
    /// block (2), which the next text of the same kind joins; else 0.
    private var lastText: [UInt8] = [0]

    func startElement(_ element: HTMLElement) {
        open.append(element)
        lastText.append(0)
    }

    func endElement() {
        guard open.count > 1 else { return }
        let element = open.removeLast()
        lastText.removeLast()
        open[open.count - 1].children.append(.element(element))
        lastText[lastText.count - 1] = 0
    }

    func text(_ text: String, cdata: Bool) {
        let kind: UInt8 = cdata ? 2 : 1
        let top = open.count - 1
        if lastText[top] == kind, case .text(var previous)? = open[top].children.popLast() {
            previous += text
            open[top].children.append(.text(previous))
        } else {
            open[top].children.append(.text(text))
            lastText[top] = kind
        }
    }

    func comment(_ text: String) {
        let top = open.count - 1
        open[top].children.append(.comment(text))
        lastText[top] = 0
    }

    func droppedNode() { lastText[open.count - 1] = 0 }

    /// The document's root element.
    func root() -> HTMLElement? {
        while open.count > 1 { endElement() }
        for case .element(let element) in open[0].children { return element }
        return nil
    }
}

/// A string's UTF-8 handed to libxml2 through a read callback, as a file would be, so that
/// libxml2 holds only the part it is parsing (issue 15: memory).
enum MemoryInput {
    /// The reader's state: the bytes and how many libxml2 has read.
    private final class Reader {
        let base: UnsafePointer<UInt8>
        let count: Int
        var offset = 0

        init(_ buffer: UnsafeBufferPointer<UInt8>) {
            base = buffer.baseAddress!
            count = buffer.count
        }
    }

    /// libxml2's read callback: copies up to `length` more bytes.
    private static let callback: xmlInputReadCallback = { context, buffer, length in
        guard let context, let buffer, length > 0 else { return 0 }
        let reader = Unmanaged<Reader>.fromOpaque(context).takeUnretainedValue()
        let n = min(Int(length), reader.count - reader.offset)
        if n > 0 {
            UnsafeMutableRawPointer(buffer).copyMemory(
                from: reader.base + reader.offset, byteCount: n)
            reader.offset += n
        }
        return Int32(n)
    }

    /// Calls `body` with the callback and its context for `text`'s UTF-8, alive during the call.
    static func read<R>(
        _ text: String, _ body: (xmlInputReadCallback, UnsafeMutableRawPointer) -> R?
    ) -> R? {
        var text = text
        return text.withUTF8 { buffer -> R? in
            guard buffer.baseAddress != nil else { return nil }
            let reader = Reader(buffer)
            return withExtendedLifetime(reader) {
                body(callback, Unmanaged.passUnretained(reader).toOpaque())
            }
        }
    }
}
