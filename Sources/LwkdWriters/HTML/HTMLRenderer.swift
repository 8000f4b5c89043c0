import LwkdModel

/// Renders the model's blocks and inlines as HTML, shared by every HTML-based writer (email,
/// EPUB, Atom): one switch per node kind, flavours for HTML and XHTML.
///
/// Writers compose it: they resolve URLs (absolute for email and feeds), decide what happens to
/// raw HTML (the sanitiser), and wrap the body in their own template.
public struct HTMLRenderer: Sendable {
    /// Serialisation rules.
    public enum Flavor: Sendable {
        /// HTML5: void elements as `<br>`.
        case html
        /// XHTML (EPUB): well-formed XML, void elements as `<br />`.
        case xhtml
    }

    /// HTML or XHTML.
    public var flavor: Flavor
    /// Maps each link and image URL before it is written (e.g. to an absolute URL).
    public var resolveURL: @Sendable (String) -> String
    /// Turns raw HTML from the post into output markup; `isBlock` tells blocks from inlines.
    /// The default keeps it in HTML and escapes it as text in XHTML.
    public var rawHTML: (@Sendable (_ html: String, _ isBlock: Bool) -> String)?
    /// Adds an `id` to each heading (unique within one render).
    public var shouldAddHeadingIDs: Bool

    /// Creates a renderer.
    public init(
        flavor: Flavor = .html, resolveURL: @escaping @Sendable (String) -> String = { $0 },
        rawHTML: (@Sendable (String, Bool) -> String)? = nil, shouldAddHeadingIDs: Bool = true
    ) {
        self.flavor = flavor
        self.resolveURL = resolveURL
        self.rawHTML = rawHTML
        self.shouldAddHeadingIDs = shouldAddHeadingIDs
    }

    /// Renders blocks.
    public func render(_ blocks: [Block]) -> String {
        var state = HTMLRenderState(renderer: self)
        state.writeBlocks(blocks, tight: false)
        return state.out
    }

    /// Renders inlines (for titles and summaries).
    public func render(inlines: [Inline]) -> String {
        var state = HTMLRenderState(renderer: self)
        state.writeInlines(inlines)
        return state.out
    }
}

/// Heading identifiers already used, so each new one is unique (`news`, `news-1`, …).
public struct HeadingIDs: Sendable {
    private var used: [String: Int] = [:]

    /// Creates an empty registry.
    public init() {}

    /// A unique id for a heading with this text, GitHub-style: lowercase, spaces to hyphens,
    /// punctuation dropped.
    public mutating func make(for text: String) -> String {
        var base = Self.slug(text)
        if base.isEmpty || !(base.unicodeScalars.first?.properties.isAlphabetic ?? false) {
            base = "section" + (base.isEmpty ? "" : "-" + base)
        }
        if let count = used[base] {
            var n = count
            var candidate = "\(base)-\(n)"
            while used[candidate] != nil {
                n += 1
                candidate = "\(base)-\(n)"
            }
            used[base] = n + 1
            used[candidate] = 1
            return candidate
        }
        used[base] = 1
        return base
    }

    /// The text lowercased, its letters, digits, `-` and `_` kept and its spaces made `-`.
    private static func slug(_ text: String) -> String {
        // ASCII by bytes (issue 14: a scalar at a time, with Unicode properties, was 6% of a
        // digest); in ASCII the alphabetic scalars are exactly A-Z and a-z.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            for b in text.utf8 {
                let c = b >= 65 && b <= 90 ? b + 32 : b
                if (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 45 || c == 95 {
                    bytes.append(c)
                } else if c == 32 {
                    bytes.append(45)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var base = ""
        for c in text.lowercased().unicodeScalars {
            if c.properties.isAlphabetic || (c >= "0" && c <= "9") || c == "-" || c == "_" {
                base.unicodeScalars.append(c)
            } else if c == " " {
                base += "-"
            }
        }
        return base
    }
}
