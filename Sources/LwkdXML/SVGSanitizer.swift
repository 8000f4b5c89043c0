internal import CLibXML2

/// Makes an SVG image safe to embed in a book: an SVG is a document, and may hold scripts,
/// event handlers, links to `javascript:` and to other files, and a DOCTYPE whose entities
/// reach out (external entities) or multiply (billion laughs).
///
/// The image is parsed by libxml2 with no network, no DTD loading and no entity substitution;
/// then every DOCTYPE, entity reference and processing instruction, every `<script>`,
/// `<foreignObject>`, `<style>` and href-changing animation, every `on*` attribute, every
/// reference that is not to the image itself (`#id`) and every `url(…)` outside it go.
public enum SVGSanitizer {
    /// The result: the safe SVG and what was removed, one short phrase each.
    public struct Result: Sendable, Equatable {
        public var bytes: [UInt8]
        public var removed: [String]
    }

    /// Elements removed with their content.
    static let removedElements: Set<String> = [
        "script", "foreignobject", "style", "iframe", "embed", "object", "handler", "listener",
    ]

    /// The safe image, or nil when `bytes` is not well-formed XML with an `<svg>` root (the
    /// image then degrades as a remote one does).
    public static func sanitize(_ bytes: [UInt8]) -> Result? {
        xmlInitParser()
        guard let context = xmlNewParserCtxt() else { return nil }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlCtxtReadMemory(context, $0, Int32(buffer.count), nil, nil, options)
                }
            } ?? nil
        }
        guard let doc = parsed else { return nil }
        defer { xmlFreeDoc(doc) }
        guard context.pointee.wellFormed != 0, let root = xmlDocGetRootElement(doc),
            name(of: root) == "svg"
        else { return nil }

        var removed: [String] = []
        func note(_ what: String) { if !removed.contains(what) { removed.append(what) } }

        // The DOCTYPE, with its entities.
        for dtd in [doc.pointee.intSubset, doc.pointee.extSubset] {
            guard let dtd else { continue }
            xmlUnlinkNode(UnsafeMutableRawPointer(dtd).assumingMemoryBound(to: xmlNode.self))
            xmlFreeDtd(dtd)
            note("its DOCTYPE")
        }
        doc.pointee.intSubset = nil
        doc.pointee.extSubset = nil

        // Top-level processing instructions (`<?xml-stylesheet href=…?>`) and comments aside.
        var top = doc.pointee.children
        while let node = top {
            top = node.pointee.next
            if node.pointee.type == XML_PI_NODE {
                xmlUnlinkNode(node)
                xmlFreeNode(node)
                note("a processing instruction")
            }
        }

        // Depth-first over the element tree, with an explicit stack (no recursion).
        var stack: [UnsafeMutablePointer<xmlNode>] = [root]
        var doomed: [UnsafeMutablePointer<xmlNode>] = []
        while let node = stack.popLast() {
            var child = node.pointee.children
            while let current = child {
                child = current.pointee.next
                switch current.pointee.type {
                case XML_ELEMENT_NODE:
                    let local = name(of: current)
                    if removedElements.contains(local) {
                        doomed.append(current)
                        note("<\(local == "foreignobject" ? "foreignObject" : local)>")
                    } else if (local == "set" || local.hasPrefix("animate")),
                        let target = attribute("attributeName", of: current)?.lowercased(),
                        target.hasSuffix("href") || target.hasPrefix("on")
                    {
                        doomed.append(current)
                        note("an animation of \(target)")
                    } else {
                        stack.append(current)
                    }
                case XML_ENTITY_REF_NODE, XML_PI_NODE:
                    doomed.append(current)
                    note(current.pointee.type == XML_PI_NODE ? "a processing instruction" : "an entity reference")
                default:
                    break
                }
            }
            cleanAttributes(of: node, note: note)
        }
        for node in doomed {
            xmlUnlinkNode(node)
            xmlFreeNode(node)
        }

        var memory: UnsafeMutablePointer<xmlChar>?
        var size: Int32 = 0
        xmlDocDumpMemoryEnc(doc, &memory, &size, "UTF-8")
        guard let memory else { return nil }
        defer { lwkd_xml_free(memory) }
        return Result(bytes: Array(UnsafeBufferPointer(start: memory, count: Int(size))), removed: removed)
    }

    /// Removes event handlers, outside references and `url(…)` to anything but `#id`.
    private static func cleanAttributes(
        of node: UnsafeMutablePointer<xmlNode>, note: (String) -> Void
    ) {
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            let local = current.pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
            let value = text(of: current)
            let lower = value.lowercased().filter { !$0.isWhitespace }
            var why: String?
            if local.hasPrefix("on") {
                why = "event handler \(local)"
            } else if local == "href" || local == "src", !value.hasPrefix("#") {
                why = "a reference to '\(value.prefix(40))'"
            } else if lower.contains("javascript:") || lower.contains("vbscript:") {
                why = "a script URL"
            } else if lower.contains("url(") && !lower.contains("url(#")
                || lower.contains("expression(") || lower.contains("@import")
            {
                why = "an outside url(…)"
            }
            if let why {
                xmlRemoveProp(current)
                note(why)
            }
        }
    }

    private static func name(of node: UnsafeMutablePointer<xmlNode>) -> String {
        node.pointee.name.map { String(cString: $0) }?.lowercased() ?? ""
    }

    private static func attribute(_ name: String, of node: UnsafeMutablePointer<xmlNode>)
        -> String?
    {
        var attribute = node.pointee.properties
        while let current = attribute {
            if current.pointee.name.map({ String(cString: $0) }) == name {
                return text(of: current)
            }
            attribute = current.pointee.next
        }
        return nil
    }

    private static func text(of attribute: UnsafeMutablePointer<xmlAttr>) -> String {
        guard let value = xmlNodeListGetString(attribute.pointee.doc, attribute.pointee.children, 1)
        else { return "" }
        defer { lwkd_xml_free(value) }
        return String(cString: value)
    }
}
