import LwkdModel

/// Link typos this newsletter makes that CommonMark accepts: `((url))`, `( url)`, `url]`,
/// `host.com/x`, a bare word, an empty link, "here", and a PR number that is not the URL's.
enum LinkRules {
    static func run(_ post: CheckedPost, _ tree: OutlineTree, into found: inout Findings) {
        for (i, node) in tree.nodes.enumerated() where node.kind == .link || node.kind == .image {
            let isImage = node.kind == .image
            let span = post.span(of: node)
            let syntax = InlineLinkSyntax(post.bytes, span, isImage: isImage)
            if let syntax { checkSyntax(syntax, node, isImage: isImage, post, into: &found) }
            guard !isImage else { continue }
            let isWrittenLink = span.lowerBound < post.bytes.count
                && post.bytes[span.lowerBound] == UInt8(ascii: "[")
            guard isWrittenLink else { continue }  // an autolink's text is its URL
            let raw = tree.text(of: i)
            // Only short texts can be "here"; only GitHub links carry a number to compare.
            // Byte searches: `String.contains` resolves to Foundation's here, a Unicode-aware
            // NSString search that cost a tenth of `check`'s instructions (issue 14).
            let isGitHub = node.literal.containsBytes("github.com/")
            guard raw.utf8.count <= 24 || isGitHub else { continue }
            let text = Text.collapsed(raw)
            let hasImage = tree.descendants(of: i).contains { tree.nodes[$0].kind == .image }
            if text.isEmpty, !hasImage {
                found.add(
                    Rules.linkEmpty, bytes: span.lowerBound, span.upperBound,
                    "link has no text, so readers cannot see or click it; write what it links to")
            }
            if vagueWords.contains(vagueWord(text)) {
                found.add(
                    Rules.linkTextVague, bytes: span.lowerBound, span.upperBound,
                    "link text '\(text)' says nothing; put the link on the words that name it")
            }
            if isGitHub, let shown = visibleNumber(text), let linked = githubNumber(node.literal),
                shown != linked
            {
                found.add(
                    Rules.linkNumberMismatch, bytes: span.lowerBound, span.upperBound,
                    "link text says #\(shown) but the link goes to #\(linked); fix the number or "
                        + "the URL")
            }
        }
    }

    static let vagueWords: Set<String> = ["here", "this", "link", "this link", "link here"]

    /// The link text as ``vagueWords`` holds it: lowercased, without a leading "click ", only
    /// its letters and spaces.
    static func vagueWord(_ text: String) -> String {
        // ASCII text (nearly every link) by bytes: `Substring.filter` over Characters was
        // a tenth of `check`'s instructions (issue 14). For ASCII, a Character is a letter
        // exactly when it is A-Z or a-z ("\r\n", one Character, is neither).
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes = text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
            if bytes.starts(with: "click ".utf8) { bytes.removeFirst(6) }
            bytes.removeAll { !(($0 >= 97 && $0 <= 122) || $0 == 32) }
            return String(decoding: bytes, as: UTF8.self)
        }
        return String(text.lowercased().trimmingPrefix("click ").filter { $0.isLetter || $0 == " " })
    }

    private static func checkSyntax(
        _ syntax: InlineLinkSyntax, _ node: SyntaxNode, isImage: Bool, _ post: CheckedPost,
        into found: inout Findings
    ) {
        let what = isImage ? "image source" : "destination"
        let bytes = post.bytes
        let destination = bytes[syntax.destination]
        let raw = String(decoding: destination, as: UTF8.self)
        if syntax.destination.isEmpty {
            found.add(
                Rules.linkEmpty, bytes: syntax.open, syntax.close + 1,
                isImage ? "image has no source" : "link has no destination; add the URL")
            return
        }
        var wrapped = false
        if !syntax.isAngle, destination.first == UInt8(ascii: "("),
            destination.last == UInt8(ascii: ")"),
            case .wrapped = LinkTarget(raw, isImage: isImage)
        {
            wrapped = true
            var inner = syntax.destination
            while inner.count > 2, bytes[inner.lowerBound] == UInt8(ascii: "("),
                bytes[inner.upperBound - 1] == UInt8(ascii: ")")
            {
                inner = (inner.lowerBound + 1)..<(inner.upperBound - 1)
            }
            found.add(
                Rules.linkExtraParens, bytes: syntax.destination.lowerBound,
                syntax.destination.upperBound,
                "\(what) is wrapped in extra parentheses, so it links to '\(raw)'; remove them",
                fix: Fix(
                    start: syntax.destination.lowerBound, end: syntax.destination.upperBound,
                    replacement: String(decoding: bytes[inner], as: UTF8.self),
                    summary: "remove the extra parentheses"))
        }
        if !syntax.leadingSpace.isEmpty || !syntax.trailingSpace.isEmpty {
            let at = syntax.leadingSpace.isEmpty ? syntax.trailingSpace : syntax.leadingSpace
            let start = syntax.leadingSpace.isEmpty
                ? syntax.destination.lowerBound : syntax.leadingSpace.lowerBound
            let end = syntax.trailingSpace.isEmpty
                ? syntax.destination.upperBound : syntax.trailingSpace.upperBound
            let kept = syntax.isAngle
                ? (syntax.destination.lowerBound - 1)..<(syntax.destination.upperBound + 1)
                : syntax.destination
            found.add(
                Rules.linkInnerSpace, bytes: at.lowerBound, at.upperBound,
                "space inside the parentheses of a \(isImage ? "image" : "link"); remove it",
                fix: Fix(
                    start: min(start, kept.lowerBound), end: max(end, kept.upperBound),
                    replacement: String(decoding: bytes[kept], as: UTF8.self),
                    summary: "remove the space inside the parentheses"))
        }
        if let bad = syntax.destination.first(where: { i in
            badBytes.contains(bytes[i]) || (syntax.isAngle && bytes[i] == 32)
        }) {
            let shown = bytes[bad] == 32 ? "a space" : "'\(Character(UnicodeScalar(bytes[bad])))'"
            found.add(
                Rules.linkBadCharacter, bytes: bad, bad + 1,
                "\(what) holds \(shown), which a URL cannot; the \(isImage ? "image" : "link") "
                    + "is probably cut or mistyped")
            return
        }
        guard !wrapped else { return }
        switch LinkTarget(node.literal, isImage: isImage) {
        case .schemeless(let url):
            found.add(
                Rules.linkNoScheme, bytes: syntax.destination.lowerBound,
                syntax.destination.upperBound,
                "\(what) '\(node.literal)' has no scheme, so it is a path on this site; "
                    + "write '\(url)'")
        case .relative where !isImage && !node.literal.utf8.contains(UInt8(ascii: "/"))
            && !node.literal.utf8.contains(UInt8(ascii: ".")):
            found.add(
                Rules.linkNoScheme, bytes: syntax.destination.lowerBound,
                syntax.destination.upperBound,
                "\(what) '\(node.literal)' is a bare word, not a URL; link to the page meant")
        case .notURL:
            found.add(
                Rules.linkBadCharacter, bytes: syntax.destination.lowerBound,
                syntax.destination.upperBound,
                "\(what) '\(node.literal)' is not a URL; the link is probably cut or mistyped")
        default:
            break
        }
    }

    /// Bytes no URL holds unescaped that this newsletter's typos leave in destinations.
    static let badBytes: Set<UInt8> = Set("[]<>\"`".utf8)

    /// `#12345` or `12345:` at the start of a link's text.
    static func visibleNumber(_ text: String) -> Int? {
        var digits = Substring(text)
        if digits.hasPrefix("#") {
            digits = digits.dropFirst()
            let n = digits.prefix { $0.isASCIIDigit }
            return n.count >= 2 ? Int(n) : nil
        }
        let n = digits.prefix { $0.isASCIIDigit }
        guard n.count >= 3, digits.dropFirst(n.count).hasPrefix(":") else { return nil }
        return Int(n)
    }

    /// The number of a `github.com/OWNER/REPO/pull/N` or `…/issues/N` URL.
    static func githubNumber(_ url: String) -> Int? {
        guard let host = url.range(of: "github.com/") else { return nil }
        let parts = url[host.upperBound...].split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 4, ["pull", "issues"].contains(parts[2]) else { return nil }
        let n = parts[3].prefix { $0.isASCIIDigit }
        return n.isEmpty ? nil : Int(n)
    }
}

/// Where the parts of an inline link `[text](destination "title")` are in the source.
struct InlineLinkSyntax {
    /// The `(`.
    var open: Int
    /// The `)` that ends the link.
    var close: Int
    /// The destination as written (inside `<…>` for an angle-bracket destination).
    var destination: Range<Int>
    /// True for `<…>`.
    var isAngle: Bool
    /// White space between `(` and the destination.
    var leadingSpace: Range<Int>
    /// White space between the destination and `)` when there is no title.
    var trailingSpace: Range<Int>

    /// Parses the link or image at `span`; nil for an autolink or a reference link.
    init?(_ b: [UInt8], _ span: Range<Int>, isImage: Bool) {
        var i = span.lowerBound
        if isImage {
            guard i < span.upperBound, b[i] == UInt8(ascii: "!") else { return nil }
            i += 1
        }
        guard i < span.upperBound, b[i] == UInt8(ascii: "[") else { return nil }
        i += 1
        var depth = 1
        while i < span.upperBound {
            let c = b[i]
            if c == UInt8(ascii: "\\") {
                i += 2
                continue
            }
            if c == UInt8(ascii: "`") {
                var run = 0
                while i < span.upperBound, b[i] == c {
                    run += 1
                    i += 1
                }
                // Skip a code span: the next run of the same length closes it.
                var j = i
                while j < span.upperBound {
                    if b[j] == c {
                        var other = 0
                        while j < span.upperBound, b[j] == c {
                            other += 1
                            j += 1
                        }
                        if other == run {
                            i = j
                            break
                        }
                    } else {
                        j += 1
                    }
                }
                continue
            }
            if c == UInt8(ascii: "[") { depth += 1 }
            if c == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { break }
            }
            i += 1
        }
        let open = i + 1
        let close = span.upperBound - 1
        guard depth == 0, open < close, b[open] == UInt8(ascii: "("),
            b[close] == UInt8(ascii: ")")
        else { return nil }
        func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }
        var p = open + 1
        while p < close, isSpace(b[p]) { p += 1 }
        leadingSpace = (open + 1)..<p
        self.open = open
        self.close = close
        if p < close, b[p] == UInt8(ascii: "<") {
            isAngle = true
            var q = p + 1
            while q < close, b[q] != UInt8(ascii: ">"), b[q] != 10 { q += 1 }
            destination = (p + 1)..<q
            p = min(close, q + 1)
        } else {
            isAngle = false
            var q = p
            var parens = 0
            while q < close, !isSpace(b[q]) {
                if b[q] == UInt8(ascii: "\\") {
                    q += 2
                    continue
                }
                if b[q] == UInt8(ascii: "(") { parens += 1 }
                if b[q] == UInt8(ascii: ")") { parens -= 1 }
                q += 1
            }
            q = min(q, close)
            destination = p..<q
            p = q
        }
        var r = p
        while r < close, isSpace(b[r]) { r += 1 }
        // A title follows: the space before it is not a typo.
        trailingSpace = r == close ? p..<r : r..<r
    }
}
