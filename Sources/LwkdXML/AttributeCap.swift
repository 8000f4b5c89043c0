/// At most ``limit`` attributes per start tag, before libxml2 sees the markup: its HTML parser
/// checks each new attribute against every earlier one of the tag (to drop duplicates), so one
/// tag with 50,000 attributes took 7.6 s, and time grows with the square of the count.
///
/// A single pass over the bytes, tokenising start tags as HTML does (quoted and unquoted
/// values, comments skipped). Attributes past the limit are cut out; everything else is left
/// byte for byte. What survives still goes through the sanitiser.
enum AttributeCap {
    /// Attributes kept per start tag; no element the sanitiser keeps uses a tenth of this.
    static let limit = 256

    /// A start tag that lost attributes: its line in the fragment, its name and how many went.
    struct Cut: Equatable {
        var line: Int
        var name: String
        var dropped: Int
    }

    /// The markup with every start tag cut to ``limit`` attributes, or nil when none had more.
    static func apply(_ html: String) -> (html: String, cuts: [Cut])? {
        let bytes = Array(html.utf8)
        let n = bytes.count
        // Fast path: a tag needs more than `limit` separators to have too many attributes.
        var spaces = 0
        for b in bytes where b == 32 || b == 9 || b == 10 || b == 13 || b == 12 { spaces += 1 }
        guard spaces > limit else { return nil }

        var out: [UInt8] = []
        var cuts: [Cut] = []
        var copied = 0  // bytes before this index are already in `out`, or cut
        var line = 1
        var lineCountedTo = 0
        var i = 0

        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 || b == 12 }
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }
        func lineAt(_ index: Int) -> Int {
            while lineCountedTo < index {
                if bytes[lineCountedTo] == 10 { line += 1 }
                lineCountedTo += 1
            }
            return line
        }

        while i < n {
            guard bytes[i] == UInt8(ascii: "<"), i + 1 < n else {
                i += 1
                continue
            }
            // `<!-- … -->`: skip to its end.
            if i + 3 < n, bytes[i + 1] == UInt8(ascii: "!"), bytes[i + 2] == UInt8(ascii: "-"),
                bytes[i + 3] == UInt8(ascii: "-")
            {
                var j = i + 4
                while j + 2 < n,
                    !(bytes[j] == UInt8(ascii: "-") && bytes[j + 1] == UInt8(ascii: "-")
                        && bytes[j + 2] == UInt8(ascii: ">"))
                {
                    j += 1
                }
                i = j + 3
                continue
            }
            guard isLetter(bytes[i + 1]) else {
                i += 1
                continue
            }
            let tagStart = i
            var j = i + 1
            while j < n, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: "/"),
                bytes[j] != UInt8(ascii: ">")
            {
                j += 1
            }
            let name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self).lowercased()
            var count = 0
            var cutFrom: Int?
            // Attributes, until `>` or the end.
            while j < n, bytes[j] != UInt8(ascii: ">") {
                if isSpace(bytes[j]) || bytes[j] == UInt8(ascii: "/") {
                    j += 1
                    continue
                }
                let attributeStart = j
                // The name: up to white space, `/`, `>` or `=` (a leading `=` is part of it).
                j += 1
                while j < n, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: "/"),
                    bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "=")
                {
                    j += 1
                }
                var k = j
                while k < n, isSpace(bytes[k]) { k += 1 }
                if k < n, bytes[k] == UInt8(ascii: "=") {
                    k += 1
                    while k < n, isSpace(bytes[k]) { k += 1 }
                    if k < n, bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "'") {
                        let quote = bytes[k]
                        k += 1
                        while k < n, bytes[k] != quote { k += 1 }
                        if k < n { k += 1 }
                    } else {
                        while k < n, !isSpace(bytes[k]), bytes[k] != UInt8(ascii: ">") { k += 1 }
                    }
                    j = k
                }
                count += 1
                if count == limit + 1 { cutFrom = attributeStart }
            }
            if let cutFrom {
                out.append(contentsOf: bytes[copied..<cutFrom])
                copied = j  // resume at the `>` (or the end)
                cuts.append(Cut(line: lineAt(tagStart), name: name, dropped: count - limit))
            }
            i = j
        }
        guard !cuts.isEmpty else { return nil }
        out.append(contentsOf: bytes[copied..<n])
        return (String(decoding: out, as: UTF8.self), cuts)
    }
}
