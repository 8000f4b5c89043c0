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
        xmlInitParser()
        guard let context = xmlNewParserCtxt() else {
            return [XMLProblem(line: 0, message: "no parser")]
        }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let bytes = Array(text.utf8)
        let doc = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlCtxtReadMemory(context, $0, Int32(buffer.count), nil, "UTF-8", options)
                }
            } ?? nil
        }
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
