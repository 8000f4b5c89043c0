import LwkdModel

/// Backticks, white space, bullet periods and the style guide's spelling of common terms.
enum TextRules {
    static func run(_ post: CheckedPost, _ tree: OutlineTree, into found: inout Findings) {
        whiteSpace(post, tree, into: &found)
        guard post.isMarkdown else { return }
        backticks(post, tree, into: &found)
        bulletPeriods(post, tree, into: &found)
        terms(post, tree, into: &found)
    }

    // MARK: - White space

    static func whiteSpace(_ post: CheckedPost, _ tree: OutlineTree, into found: inout Findings) {
        // Lines ending a hard break: two spaces at the end of a paragraph line that is not the
        // paragraph's last.
        var hardBreaks = Set<Int>()
        for node in tree.nodes where node.kind == .paragraph && node.range.endLine > node.range.line
        {
            hardBreaks.formUnion(node.range.line..<node.range.endLine)
        }
        var blankRun: [Int] = []
        func endRun() {
            defer { blankRun = [] }
            guard blankRun.count >= 2 else { return }
            let extra = blankRun.dropFirst()
            let start = post.fullLine(extra.first!).lowerBound
            let end = post.fullLine(extra.last!).upperBound
            found.add(
                Rules.blankLines, SourceRange(line: extra.first!, column: 1, endLine: extra.last!,
                    endColumn: 1),
                "\(blankRun.count) blank lines in a row; one is enough",
                fix: Fix(
                    start: start, end: end, replacement: "",
                    summary: "remove \(extra.count) blank line\(extra.count == 1 ? "" : "s")"))
        }
        guard post.lineCount > 0 else { return }
        for n in 1...post.lineCount {
            let isCode = post.codeLines.contains(n)
            if !isCode, n > post.frontMatterEnd, post.isBlank(n) {
                blankRun.append(n)
            } else {
                endRun()
            }
            guard !isCode else { continue }
            let line = post.line(n)
            var end = line.endIndex
            while end > line.startIndex, post.bytes[end - 1] == 32 || post.bytes[end - 1] == 9 {
                end -= 1
            }
            guard end < line.endIndex else { continue }
            let count = line.endIndex - end
            if end > line.startIndex, count >= 2, hardBreaks.contains(n),
                post.bytes[line.endIndex - 1] == 32
            {
                continue  // a hard line break
            }
            found.add(
                Rules.trailingSpace, bytes: end, line.endIndex,
                "trailing white space; remove it",
                fix: Fix(
                    start: end, end: line.endIndex, replacement: "",
                    summary: "remove trailing white space"))
        }
        endRun()
    }

    // MARK: - Backticks

    /// cmark leaves a backtick run it cannot match as text: the code span the author meant
    /// ends somewhere else, or nowhere.
    static func backticks(_ post: CheckedPost, _ tree: OutlineTree, into found: inout Findings) {
        for node in tree.nodes where node.kind == .text {
            guard let offset = node.literal.utf8.firstIndex(of: UInt8(ascii: "`")) else {
                continue
            }
            let start = post.start(ofText: node)
                + node.literal.utf8.distance(from: node.literal.utf8.startIndex, to: offset)
            guard start < post.bytes.count, post.bytes[start] == UInt8(ascii: "`") else { continue }
            found.add(
                Rules.unbalancedBackticks, bytes: start, start + 1,
                "unmatched backtick: the code span it opens or closes has no partner in this "
                    + "paragraph; add the missing ` or remove this one")
        }
    }

    // MARK: - Bullet periods

    /// Sections whose entries are bullet points (the style guide's "list sections").
    static let listSections: Set<String> = [
        "other merges", "merges", "promotions", "promoted", "deprecated", "deprecations",
        "version updates", "subprojects and dependency updates", "reversions", "removals",
        "removed", "rollbacks", "now beta", "testing changes", "patch release merges",
    ]

    static func bulletPeriods(_ post: CheckedPost, _ tree: OutlineTree, into found: inout Findings)
    {
        var inListSection = false
        for i in tree.topLevel {
            let block = tree.nodes[i]
            if block.kind == .heading, block.level <= 2 {
                let title = Text.collapsed(tree.text(of: i)).lowercased()
                inListSection = listSections.contains(
                    title.hasSuffix(".") ? String(title.dropLast()) : title)
                continue
            }
            guard inListSection, block.kind == .list else { continue }
            for j in tree.descendants(of: i) where tree.nodes[j].kind == .item {
                guard let last = tree.children(of: j).last(where: {
                    tree.nodes[$0].kind == .paragraph
                }) else { continue }
                let span = post.span(of: tree.nodes[last])
                var end = span.upperBound
                while end > span.lowerBound, [32, 9, 10, 13].contains(post.bytes[end - 1]) {
                    end -= 1
                }
                guard end > span.lowerBound, post.bytes[end - 1] == UInt8(ascii: "."),
                    !endsWithExemptWord(post.bytes[span.lowerBound..<end])
                else { continue }
                found.add(
                    Rules.bulletPeriod, bytes: end - 1, end,
                    "bullet entry ends with a period; the style guide leaves it off")
            }
        }
    }

    /// `v1.2.`, `etc.`, `...`: a period that belongs to the word.
    static func endsWithExemptWord(_ text: ArraySlice<UInt8>) -> Bool {
        let word = String(decoding: text.reversed().prefix { $0 != 32 && $0 != 10 }.reversed(),
            as: UTF8.self)
        if word.hasSuffix("..") || word.hasSuffix("etc.") || word.hasSuffix("e.g.")
            || word.hasSuffix("i.e.")
        {
            return true
        }
        // A version number: v1.2. or 1.26.
        let core = word.drop { $0 == "v" || $0 == "(" || $0 == "`" }.dropLast()
        return !core.isEmpty && core.contains(".")
            && core.allSatisfy { $0.isASCIIDigit || $0 == "." }
    }

    // MARK: - Terms

    /// The style guide's spelling of common terms, by their lowercase form.
    static let termSpellings: [String: String] = [
        "kubernetes": "Kubernetes", "kubeadm": "kubeadm", "apiserver": "APIserver",
        "etcd": "etcd", "grpc": "gRPC", "kubectl": "kubectl", "kep": "KEP", "keps": "KEPs",
        "prow": "Prow",
    ]

    /// The first bytes and the lengths of the spellings' keys.
    static let termStarts = Set(termSpellings.keys.compactMap(\.utf8.first))
    static let termLengths = Set(termSpellings.keys.map(\.utf8.count))

    /// False for an ASCII word that no key starts like or is as long as, so most words never
    /// become a String (issue 14: making, lowering and looking up every word was a sixth of
    /// `check`). A non-ASCII word is always looked up: lowercasing it can make ASCII.
    static func mayBeTerm(_ word: ArraySlice<UInt8>) -> Bool {
        guard let first = word.first, word.allSatisfy({ $0 < 0x80 }) else { return true }
        let lower = first >= 65 && first <= 90 ? first + 32 : first
        return termStarts.contains(lower) && termLengths.contains(word.count)
    }

    static func terms(_ post: CheckedPost, _ tree: OutlineTree, into found: inout Findings) {
        for (i, node) in tree.nodes.enumerated() where node.kind == .text {
            // An autolink's text is its URL.
            let link = tree.enclosingLink[i]
            if link >= 0,
                tree.nodes[link].literal.hasSuffix(node.literal)
                    || node.literal.utf8.contains(UInt8(ascii: "/"))
            {
                continue
            }
            // Where the text is in the file, found only for a node with a term in it.
            var located: (base: Int, sourceMatches: Bool)?
            func location() -> (base: Int, sourceMatches: Bool) {
                if let located { return located }
                let base = post.start(ofText: node)
                let found = (base, post.matches(Array(node.literal.utf8), at: base))
                located = found
                return found
            }
            let bytes = Array(node.literal.utf8)
            var k = 0
            while k < bytes.count {
                guard isWordByte(bytes[k]) else {
                    k += 1
                    continue
                }
                var e = k
                while e < bytes.count, isWordByte(bytes[e]) { e += 1 }
                let before = k > 0 ? bytes[k - 1] : 32
                let after = e < bytes.count ? bytes[e] : 32
                let afterNext = e + 1 < bytes.count ? bytes[e + 1] : 32
                let joined = before == UInt8(ascii: ".") || before == UInt8(ascii: "/")
                    || before == UInt8(ascii: "-") || before == UInt8(ascii: "_")
                    || before == UInt8(ascii: "@")
                    || ((after == UInt8(ascii: ".") || after == UInt8(ascii: "/")
                        || after == UInt8(ascii: "-") || after == UInt8(ascii: "_")
                        || after == UInt8(ascii: "@")) && isWordByte(afterNext))
                if !joined, e - k <= 10, mayBeTerm(bytes[k..<e]) {
                    let word = String(decoding: bytes[k..<e], as: UTF8.self)
                    if let spelling = termSpellings[word.lowercased()], word != spelling,
                        location().sourceMatches
                    {
                        let base = location().base
                        found.add(
                            Rules.termCase, bytes: base + k, base + e,
                            "'\(word)' is spelled '\(spelling)' in the newsletter")
                    }
                }
                k = e
            }
        }
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b >= 0x80
    }
}
