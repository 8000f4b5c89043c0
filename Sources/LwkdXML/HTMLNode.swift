/// A node of an HTML tree parsed by ``HTMLParser``: plain Swift values, no C memory.
public enum HTMLNode: Hashable, Sendable {
    /// An element and its children.
    case element(HTMLElement)
    /// Text, with entities decoded.
    case text(String)
    /// A comment's text.
    case comment(String)
}

/// An HTML element: lowercase name, attributes in source order, children.
public struct HTMLElement: Hashable, Sendable {
    /// The lowercase element name.
    public var name: String
    /// Attributes in source order; names are lowercase.
    public var attributes: [HTMLAttribute]
    /// Child nodes.
    public var children: [HTMLNode]
    /// The 1-based source line of the start tag (0 when unknown).
    public var line: Int

    /// Creates an element.
    public init(
        name: String, attributes: [HTMLAttribute] = [], children: [HTMLNode] = [], line: Int = 0
    ) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.line = line
    }

    /// The value of attribute `name`, if present.
    public subscript(attribute name: String) -> String? {
        get { attributes.first { $0.name == name }?.value }
        set {
            if let index = attributes.firstIndex(where: { $0.name == name }) {
                if let newValue {
                    attributes[index].value = newValue
                } else {
                    attributes.remove(at: index)
                }
            } else if let newValue {
                attributes.append(HTMLAttribute(name: name, value: newValue))
            }
        }
    }

    /// The classes in the `class` attribute.
    public var classes: [Substring] {
        (self[attribute: "class"] ?? "").split(whereSeparator: {
            $0 == " " || $0 == "\t" || $0 == "\n"
        })
    }
}

/// One attribute.
public struct HTMLAttribute: Hashable, Sendable {
    /// The lowercase name.
    public var name: String
    /// The decoded value.
    public var value: String

    /// Creates an attribute.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
