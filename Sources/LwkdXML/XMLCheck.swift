internal import CLibXML2

/// A well-formedness problem found by libxml2.
public struct XMLProblem: Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line.
    public var line: Int
    /// libxml2's message.
    public var message: String

    public var description: String { "line \(line): \(message)" }
}

/// Checks XML with libxml2: no network, no entity substitution, no DTD loading.
public enum XMLCheck {
    /// The well-formedness problems in `text`; empty when it is well-formed.
    public static func problems(in text: String) -> [XMLProblem] {
        problems(in: text, buildingTree: false)
    }

    /// ``problems(in:)`` as it was found by parsing `text` whole from memory into a tree:
    /// what the tree-less check must equal (the tests compare the two).
    package static func problemsBuildingTree(in text: String) -> [XMLProblem] {
        problems(in: text, buildingTree: true)
    }

    private static func problems(in text: String, buildingTree: Bool) -> [XMLProblem] {
        xmlInitParser()
        guard let context = xmlNewParserCtxt() else {
            return [XMLProblem(line: 0, message: "no parser")]
        }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let handler = context.pointee.sax!
        if buildingTree {
            var bytes = Array(text.utf8)
            if bytes.isEmpty { bytes = [0] }
            let doc = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlCtxtReadMemory(context, $0, Int32(text.utf8.count), nil, "UTF-8", options)
                }
            }
            return result(doc, context)
        }
        // No tree: only whether the text is well-formed matters, and a tree of a big post's
        // XHTML was several times its size (issue 15). The parser itself checks the depth,
        // names, attributes and entities; the tree builder's callbacks only build.
        handler.pointee.startElementNs = nil
        handler.pointee.endElementNs = nil
        handler.pointee.startElement = nil
        handler.pointee.endElement = nil
        handler.pointee.characters = nil
        handler.pointee.cdataBlock = nil
        handler.pointee.ignorableWhitespace = nil
        handler.pointee.comment = nil
        handler.pointee.processingInstruction = nil
        handler.pointee.reference = nil
        let doc = text.isEmpty
            ? xmlCtxtReadMemory(context, "", 0, nil, "UTF-8", options)
            : MemoryInput.read(text) { read, input in
                xmlCtxtReadIO(context, read, nil, input, nil, "UTF-8", options)
            }
        return result(doc, context)
    }

    /// The problems of a parse: none when it made a document and found it well-formed.
    private static func result(_ doc: xmlDocPtr?, _ context: xmlParserCtxtPtr) -> [XMLProblem] {
        if let doc {
            defer { xmlFreeDoc(doc) }
            if context.pointee.wellFormed != 0 { return [] }
        }
        if let error = xmlCtxtGetLastError(context) {
            let message = error.pointee.message.map { String(cString: $0) } ?? "not well-formed"
            return [XMLProblem(line: Int(error.pointee.line), message: message.trimmingSpaces())]
        }
        return [XMLProblem(line: 0, message: "not well-formed")]
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.last, c == "\n" || c == " " { s.removeLast() }
        return String(s)
    }
}
