/// URL text helpers shared by writers: the one percent-encoder and the scheme and host tests.
public enum URLText {
    /// True when `url` starts with an RFC 3986 scheme (`https:`, `mailto:`).
    public static func hasScheme(_ url: String) -> Bool {
        var sawLetter = false
        for c in url.unicodeScalars {
            if c == ":" { return sawLetter }
            let isAlpha = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
            if !sawLetter {
                guard isAlpha else { return false }
                sawLetter = true
            } else if !(isAlpha || (c >= "0" && c <= "9") || c == "+" || c == "-" || c == ".") {
                return false
            }
        }
        return false
    }
}

extension URLText {
    /// True for `cloud.google.com/network-tier`: the first path segment is a host name whose
    /// last label is a top-level domain, not a file extension.
    public static func looksLikeHost(_ url: String) -> Bool {
        guard !url.hasPrefix("/"), !url.hasPrefix(".") else { return false }
        let host = url.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else { return false }
        for label in labels where !label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
            return false
        }
        guard let tld = labels.last?.lowercased(), tld.count >= 2, tld.allSatisfy(\.isLetter)
        else { return false }
        return !fileExtensions.contains(tld)
    }

    private static let fileExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "svg", "webp", "html", "htm", "md", "markdown", "pdf", "txt",
        "xml", "json", "yaml", "yml", "css", "js", "zip", "gz", "tar", "go", "sh", "py", "mp4",
    ]
}

extension URLText {
    /// Which bytes a percent-encoder leaves as they are.
    public enum SafeSet: Sendable {
        /// cmark-gfm's `houdini_escape_href`: letters, digits and `-_.+!*'(),%#@?=;:/&$~`;
        /// everything else (space, `"`, `<`, `>`, `[`, `]`, `\`, `^`, backtick, `{`, `|`,
        /// `}`, controls, every non-ASCII byte) is encoded. For `href` and `src`.
        case href
        /// RFC 3986 unreserved characters, gen-delims and sub-delims (`[` and `]` kept), as
        /// jekyll-feed's `absolute_url` normalises feed ids.
        case uri
        /// RFC 3986 unreserved characters only (`A–Z a–z 0–9 - . _ ~`), for a value put into a
        /// query or path component; here `%` itself is always encoded.
        case component
    }

    /// `url` with every byte outside `safe` percent-encoded; an existing `%XX` is kept and a
    /// `%` not followed by two hex digits becomes `%25`. Valid URLs come back unchanged.
    public static func percentEncoded(_ url: String, keeping safe: SafeSet = .href) -> String {
        let bytes = Array(url.utf8)
        let table = table(safe)
        func isEscape(_ i: Int) -> Bool {
            i + 2 < bytes.count && isHex(bytes[i + 1]) && isHex(bytes[i + 2])
        }
        func keeps(_ b: UInt8, at i: Int) -> Bool {
            b == UInt8(ascii: "%") ? safe != .component && isEscape(i) : table[Int(b)]
        }
        guard bytes.indices.contains(where: { !keeps(bytes[$0], at: $0) }) else { return url }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        for (i, b) in bytes.enumerated() {
            if keeps(b, at: i) {
                out.append(b)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isHex(_ b: UInt8) -> Bool {
        (48...57).contains(b) || (65...70).contains(b) || (97...102).contains(b)
    }

    /// The bytes each set keeps, as tables (issue 14: searching the punctuation string for
    /// every byte of every link was a fortieth of a digest's instructions).
    private static let hrefSafe = safeTable("-_.+!*'(),#@?=;:/&$~")
    private static let uriSafe = safeTable("-._~:/?#[]@!$&'()*+,;=")
    private static let componentSafe = safeTable("-._~")

    private static func safeTable(_ punctuation: String) -> [Bool] {
        var table = [Bool](repeating: false, count: 256)
        for b in Array(48...57) + Array(65...90) + Array(97...122) { table[b] = true }
        for b in punctuation.utf8 { table[Int(b)] = true }
        return table
    }

    private static func table(_ set: SafeSet) -> [Bool] {
        switch set {
        case .href: hrefSafe
        case .uri: uriSafe
        case .component: componentSafe
        }
    }
}

/// What a link destination or image source, as the author wrote it, turns out to be.
public enum LinkTarget: Hashable, Sendable {
    /// Empty: the post itself.
    case empty
    /// `#section`.
    case fragment
    /// `https://…`, `mailto:…`: an absolute URL with a scheme links may use.
    case absolute
    /// `//host/path`: absolute, written without its scheme.
    case networkPath
    /// `/2018/images/x.png`: a path on the site.
    case siteRoot
    /// `x.html`, `images/x.png`, `apiserver_request_error_total`: resolved against the site.
    case relative
    /// `cloud.google.com/x`: a host written without its scheme; the URL is `https://…`.
    case schemeless(url: String)
    /// `(https://…)`: an absolute URL in one pair of parentheses too many.
    case wrapped(url: String)
    /// `javascript:`, `vbscript:`, `data:text/html` and other schemes a post may not link to.
    case forbidden(scheme: String)
    /// Not a URL at all (`(see https://…`, `https ://x`): written as text.
    case notURL

    /// Schemes a link may use; any other is ``forbidden(scheme:)``.
    public static let linkSchemes: Set<String> = ["http", "https", "mailto"]
    /// Schemes an image may use, besides the `data:` types of ``imageDataTypes``.
    public static let imageSchemes: Set<String> = ["http", "https"]

    /// Classifies a destination as written (surrounding white space ignored).
    public init(_ destination: String, isImage: Bool = false) {
        let url = LinkTarget.trimmed(destination)
        if url.isEmpty {
            self = .empty
        } else if url.hasPrefix("#") {
            self = .fragment
        } else if URLText.hasScheme(url) {
            let scheme = String(url.prefix { $0 != ":" }).lowercased()
            if (isImage ? LinkTarget.imageSchemes : LinkTarget.linkSchemes).contains(scheme) {
                self = .absolute
            } else if isImage, scheme == "data", LinkTarget.isImageData(url) {
                self = .absolute
            } else {
                self = .forbidden(scheme: scheme)
            }
        } else if url.hasPrefix("//") {
            self = .networkPath
        } else if url.hasPrefix("("), url.hasSuffix(")"), url.count > 2 {
            let inner = String(url.dropFirst().dropLast())
            switch LinkTarget(inner, isImage: isImage) {
            case .absolute, .networkPath: self = .wrapped(url: inner)
            case .wrapped(let deeper): self = .wrapped(url: deeper)
            case .schemeless(let fixed): self = .wrapped(url: fixed)
            default: self = .notURL
            }
        } else if url.contains("://") || "([<\"'".contains(url.first ?? " ") {
            self = .notURL
        } else if url.hasPrefix("/") {
            self = .siteRoot
        } else if URLText.looksLikeHost(url) {
            self = .schemeless(url: "https://" + url)
        } else {
            self = .relative
        }
    }

    /// The destination without surrounding ASCII white space (byte-level: this runs for every
    /// link of every post).
    static func trimmed(_ text: String) -> String {
        let bytes = text.utf8
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
        guard let first = bytes.first, let last = bytes.last, isSpace(first) || isSpace(last)
        else { return text }
        let start = bytes.firstIndex { !isSpace($0) } ?? bytes.endIndex
        let end = bytes.lastIndex { !isSpace($0) }.map { bytes.index(after: $0) } ?? start
        return start < end ? String(text[start..<end]) : ""
    }

    /// `data:` images a post may embed: raster types only (an SVG can hold scripts).
    static let imageDataTypes = [
        "data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp",
    ]

    /// `data:image/png;base64,…` or `data:image/gif,…`: one of ``imageDataTypes``, whole (not
    /// `data:image/pngx`), then its parameters or data.
    static func isImageData(_ url: String) -> Bool {
        let bytes = Array(url.utf8.prefix(32)).map { $0 | 0x20 }  // ASCII lowercase, enough here
        return imageDataTypes.contains { type in
            let prefix = Array(type.utf8)
            guard bytes.count > prefix.count, Array(bytes[0..<prefix.count]) == prefix else {
                return false
            }
            let next = bytes[prefix.count]
            return next == UInt8(ascii: ";") || next == UInt8(ascii: ",")
        }
    }
}
