/// The images embedded in a book: each file once, under `images/`, with its media type
/// sniffed from its first bytes (EPUB 3.3 core media types only).
struct EPUBImages {
    struct Item {
        var href: String
        var mediaType: String
        var bytes: [UInt8]
    }

    private(set) var items: [Item] = []
    private var hrefByPath: [String: String] = [:]
    private var usedNames: Set<String> = []
    /// True when some embedded image has an empty alt text.
    private(set) var hasImageWithoutAlt = false

    var isEmpty: Bool { items.isEmpty }

    /// The `href` of the image at `path` (adding it on first use), or nil when it is not an
    /// image type EPUB readers must support.
    mutating func add(path: String, bytes: [UInt8]) -> String? {
        if let href = hrefByPath[path] { return href }
        guard let (mediaType, ext) = EPUBImages.sniff(bytes) else { return nil }
        let base = path.split(separator: "/").last.map(String.init) ?? "image"
        var stem = base.lastIndex(of: ".").map { String(base[..<$0]) } ?? base
        stem = String(
            stem.unicodeScalars.map { c -> Character in
                c.isASCII
                    && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-"
                        || c == "_")
                    ? Character(c) : "-"
            })
        if stem.isEmpty { stem = "image" }
        var name = stem + "." + ext
        var n = 2
        while usedNames.contains(name) {
            name = "\(stem)-\(n).\(ext)"
            n += 1
        }
        usedNames.insert(name)
        let href = "images/" + name
        hrefByPath[path] = href
        items.append(Item(href: href, mediaType: mediaType, bytes: bytes))
        return href
    }

    mutating func noteAlt(isEmpty: Bool) {
        if isEmpty { hasImageWithoutAlt = true }
    }

    /// The media type and extension from the file's signature.
    static func sniff(_ b: [UInt8]) -> (String, String)? {
        if b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            return ("image/png", "png")
        }
        if b.starts(with: [0xFF, 0xD8, 0xFF]) { return ("image/jpeg", "jpg") }
        if b.starts(with: Array("GIF87a".utf8)) || b.starts(with: Array("GIF89a".utf8)) {
            return ("image/gif", "gif")
        }
        if b.count >= 12, b.starts(with: Array("RIFF".utf8)), Array(b[8..<12]) == Array("WEBP".utf8)
        {
            return ("image/webp", "webp")
        }
        let head = String(decoding: b.prefix(512), as: UTF8.self)
        if head.contains("<svg") { return ("image/svg+xml", "svg") }
        return nil
    }
}
