internal import CLibXML2

/// Builds an XML document as text with libxml2's `xmlTextWriter`, so nesting and escaping are
/// right by construction.
///
/// Call ``startElement(_:)``, ``attribute(_:_:)``, ``text(_:)`` and ``endElement()`` in document
/// order, then ``finish()`` for the text. Characters that XML 1.0 forbids (C0 controls other than
/// tab, line feed and carriage return, U+FFFE and U+FFFF) are removed from text and attribute
/// values and counted in ``removedCharacters``, so the caller can warn about them. Output is
/// UTF-8 with a fixed two-space indent; the same calls always give the same bytes.
public final class XMLWriter {
    /// The characters removed so far because XML 1.0 forbids them, in order.
    public private(set) var removedCharacters: [Unicode.Scalar] = []

    private let buffer: xmlBufferPtr?
    private let writer: xmlTextWriterPtr?
    private var openElements: [String] = []
    private var failure: XMLWriteError?
    private var isFinished = false

    /// Starts a document with an `<?xml version="1.0" encoding="UTF-8"?>` declaration.
    ///
    /// - Parameter indent: Put each element on its own line, indented by two spaces (elements
    ///   that hold text stay on one line).
    public init(indent: Bool = true) {
        xmlInitParser()
        let buffer = xmlBufferCreate()
        self.buffer = buffer
        writer = buffer.flatMap { xmlNewTextWriterMemory($0, 0) }
        guard let writer else {
            failure = .libxml2("cannot create the writer")
            return
        }
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            xmlTextWriterSetIndentString(writer, "  ")
        }
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start document")
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
        if let buffer { xmlBufferFree(buffer) }
    }

    /// Opens an element; `name` may carry a prefix (`xml:lang` style names are for attributes).
    public func startElement(_ name: String) {
        guard isUsable(name: name) else { return }
        openElements.append(name)
        check(xmlTextWriterStartElement(writer, name), "start <\(name)>")
    }

    /// Adds an attribute to the element just opened (before any content).
    public func attribute(_ name: String, _ value: String) {
        guard isUsable(name: name) else { return }
        let clean = cleaned(value)
        check(xmlTextWriterWriteAttribute(writer, name, clean), "attribute \(name)")
    }

    /// Writes escaped character data.
    public func text(_ text: String) {
        guard failure == nil, !text.isEmpty else { return }
        check(xmlTextWriterWriteString(writer, cleaned(text)), "text")
    }

    /// Closes the innermost open element (`<a/>` when it has no content).
    public func endElement() {
        guard failure == nil else { return }
        guard openElements.popLast() != nil else {
            failure = .unbalanced("endElement() with no open element")
            return
        }
        check(xmlTextWriterEndElement(writer), "end element")
    }

    /// Writes `<name attributes…>text</name>`.
    public func element(
        _ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String
    ) {
        startElement(name)
        for (key, value) in attributes { attribute(key, value) }
        self.text(text)
        endElement()
    }

    /// Writes an element with attributes and no content: `<name attributes…/>`.
    public func emptyElement(_ name: String, _ attributes: KeyValuePairs<String, String>) {
        startElement(name)
        for (key, value) in attributes { attribute(key, value) }
        endElement()
    }

    /// Ends the document and returns its text, with a final newline.
    ///
    /// - Throws: ``XMLWriteError`` when an element is still open, a name is not an XML name, or
    ///   libxml2 reported a failure.
    public func finish() throws(XMLWriteError) -> String {
        if let failure { throw failure }
        guard !isFinished else { throw .unbalanced("finish() called twice") }
        if let open = openElements.last { throw .unbalanced("<\(open)> is still open") }
        isFinished = true
        check(xmlTextWriterEndDocument(writer), "end document")
        check(xmlTextWriterFlush(writer), "flush")
        if let failure { throw failure }
        guard let buffer, let content = xmlBufferContent(buffer) else { return "" }
        let count = Int(xmlBufferLength(buffer))
        return content.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }
}

/// Why ``XMLWriter`` could not produce a document: always a bug in the caller, never input.
public enum XMLWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An element or attribute name that is not an XML name.
    case invalidName(String)
    /// Start and end calls do not match.
    case unbalanced(String)
    /// libxml2 refused a call (out of memory, attribute after content).
    case libxml2(String)

    public var description: String {
        switch self {
        case .invalidName(let name): "'\(name)' is not an XML name"
        case .unbalanced(let what): "unbalanced XML: \(what)"
        case .libxml2(let what): "libxml2 xmlTextWriter failed: \(what)"
        }
    }
}

private extension XMLWriter {
    func check(_ result: Int32, _ what: @autoclosure () -> String) {
        if result < 0, failure == nil { failure = .libxml2(what()) }
    }

    func isUsable(name: String) -> Bool {
        guard failure == nil else { return false }
        guard XMLCharacters.isName(name) else {
            failure = .invalidName(name)
            return false
        }
        return true
    }

    func cleaned(_ text: String) -> String {
        let (clean, removed) = XMLCharacters.removingForbidden(from: text)
        removedCharacters += removed
        return clean
    }
}
