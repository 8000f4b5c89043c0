internal import CLibXML2

/// Parses HTML with libxml2's HTML parser into ``HTMLNode`` values.
///
/// libxml2 repairs what a browser would repair (unclosed tags, stray end tags); the C tree is
/// converted eagerly and freed before returning. No network access, no DTD loading.
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

    private static func parse(_ html: String) -> HTMLElement? {
        xmlInitParser()
        let options = Int32(
            HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        var text = html.isEmpty ? "<html></html>" : html
        // The string's own UTF-8 storage, not a copy of it.
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
