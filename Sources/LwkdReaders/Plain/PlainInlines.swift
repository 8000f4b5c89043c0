import LwkdModel

/// Inline content of plain text: bare URLs become autolinks, and `words [n]` markers whose
/// number has a reference line become links (the plain writer's numbered references).
enum PlainInlines {
    /// The inlines of a paragraph's lines, joined by soft breaks.
    static func build(_ lines: [Substring], references: [Int: String]) -> [Inline] {
        var out: [Inline] = []
        for (index, line) in lines.enumerated() {
            if index > 0 { out.append(.softBreak) }
            out += build(line, references: references)
        }
        return out
    }

    /// The inlines of a heading: a heading that ends in a reference marker is one link, the way
    /// the plain writer renders a linked heading.
    static func heading(_ text: Substring, references: [Int: String]) -> [Inline] {
        if let space = text.lastIndex(of: " "),
            let (number, rest) = marker(text[text.index(after: space)...]),
            rest.isEmpty, let url = references[number]
        {
            let title = text[..<space]
            if !title.contains(" [") {
                return [.link(link: Link(destination: url), content: build(title, references: [:]))]
            }
        }
        return build(text, references: references)
    }

    private static func build(_ line: Substring, references: [Int: String]) -> [Inline] {
        var out: [Inline] = []
        var pending = ""
        func flush() {
            if !pending.isEmpty { out.append(.text(text: pending)) }
            pending = ""
        }
        for (index, piece) in line.split(separator: " ", omittingEmptySubsequences: false)
            .enumerated()
        {
            if index > 0 { pending += " " }
            if !references.isEmpty, let (number, rest) = marker(piece),
                let url = references[number],
                pending.hasSuffix(" ")
            {
                pending.removeLast()
                let wordStart =
                    pending.lastIndex(of: " ").map { pending.index(after: $0) }
                    ?? pending.startIndex
                var word = pending[wordStart...]
                var lead = ""
                while let c = word.first, "(\"'“‘".contains(c) {
                    lead.append(c)
                    word.removeFirst()
                }
                if !word.isEmpty {
                    pending = String(pending[..<wordStart]) + lead
                    flush()
                    out.append(
                        .link(link: Link(destination: url), content: [.text(text: String(word))]))
                    pending = String(rest)
                    continue
                }
                if pending.isEmpty, case .link(_, let content)? = out.last {
                    // `https://shown.example [3]`: a link whose text is another URL.
                    out[out.count - 1] = .link(link: Link(destination: url), content: content)
                    pending = String(rest)
                    continue
                }
                if pending.isEmpty, out.isEmpty {
                    // A marker with nothing before it keeps itself as the link's text.
                    out.append(
                        .link(link: Link(destination: url), content: [.text(text: "[\(number)]")]))
                    pending = String(rest)
                    continue
                }
                pending += " "
            }
            if let scheme = BareURL.schemeStart(in: piece) {
                pending += piece[..<scheme]
                let (url, trailing) = BareURL.trimmed(piece[scheme...])
                flush()
                out.append(
                    .link(
                        link: Link(destination: url, kind: .autolink), content: [.text(text: url)]))
                pending = String(trailing)
            } else if let (address, trailing) = BareURL.emailAddress(piece) {
                flush()
                out.append(
                    .link(
                        link: Link(destination: "mailto:" + address, kind: .autolink),
                        content: [.text(text: address)]))
                pending = String(trailing)
            } else {
                pending += piece
            }
        }
        flush()
        return out
    }

    /// `[12]`, alone or followed by punctuation and text (`[8],1.18.9`, `[26](backported)`).
    static func marker(_ piece: Substring) -> (Int, Substring)? {
        guard piece.first == "[", let close = piece.firstIndex(of: "]") else { return nil }
        let digits = piece[piece.index(after: piece.startIndex)..<close]
        guard !digits.isEmpty, digits.count <= 4, let number = Int(digits) else { return nil }
        let rest = piece[piece.index(after: close)...]
        guard rest.first.map({ !$0.isLetter && !$0.isNumber && $0 != "[" }) ?? true else {
            return nil
        }
        return (number, rest)
    }
}

/// Bare URLs in running text.
enum BareURL {
    /// The link schemes of the URL policy (``LinkTarget/linkSchemes``); `ftp://` stays text.
    private static let schemes = ["https://", "http://", "mailto:"]

    /// True when the text starts with a URL scheme this reader links.
    static func hasScheme(_ text: Substring) -> Bool {
        text.utf8.count > 8 && schemes.contains { text.hasPrefix($0) }
    }

    /// Where a URL starts inside a whitespace-free piece (after `(` or `<`, say), if anywhere.
    static func schemeStart(in piece: Substring) -> Substring.Index? {
        guard piece.utf8.contains(UInt8(ascii: ":")) else { return nil }
        var index = piece.startIndex
        var skipped = 0
        while index < piece.endIndex, skipped <= 2 {
            if hasScheme(piece[index...]) { return index }
            guard "(<\"'[“".contains(piece[index]) else { return nil }
            index = piece.index(after: index)
            skipped += 1
        }
        return nil
    }

    /// `name@example.org` (with trailing punctuation split off), as GFM's extended email
    /// autolink reads it.
    static func emailAddress(_ piece: Substring) -> (String, Substring)? {
        guard piece.contains("@") else { return nil }
        let (address, trailing) = trimmed(piece)
        let candidate = Substring(address)
        guard let at = candidate.firstIndex(of: "@") else { return nil }
        let local = candidate[..<at]
        let domain = candidate[candidate.index(after: at)...]
        let isLocal: (Character) -> Bool = {
            $0.isASCII && ($0.isLetter || $0.isNumber || ".-_+".contains($0))
        }
        let isDomain: (Character) -> Bool = {
            $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0))
        }
        guard !local.isEmpty, local.allSatisfy(isLocal), domain.contains("."),
            domain.allSatisfy(isDomain),
            let last = domain.last, last.isLetter || last.isNumber
        else { return nil }
        return (String(candidate), trailing)
    }

    /// The URL without the sentence punctuation after it, as GFM's autolink extension trims it:
    /// trailing `.,:;!?"'` and any `)` that has no `(` to match inside the URL.
    static func trimmed(_ text: Substring) -> (String, Substring) {
        var end = text.endIndex
        while end > text.startIndex {
            let previous = text.index(before: end)
            let c = text[previous]
            if ".,:;!?\"'>”’*_".contains(c) {
                end = previous
            } else if c == ")" || c == "]" {
                let open: Character = c == ")" ? "(" : "["
                let body = text[..<end]
                if body.filter({ $0 == open }).count < body.filter({ $0 == c }).count {
                    end = previous
                } else {
                    break
                }
            } else {
                break
            }
        }
        return (String(text[..<end]), text[end...])
    }
}
