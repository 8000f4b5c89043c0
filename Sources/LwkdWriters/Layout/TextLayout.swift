/// Lays out text in lines: a stack of line prefixes (list indents, quote marks), a wrap width and
/// a pending run of words that is wrapped when it is flushed, in the manner of cmark's
/// `render.c`.
///
/// Each call that adds text picks a ``TextLayout/Mode``: normal text breaks at its spaces,
/// literal text (inline code) and URLs never break, and titles are kept on as few lines as the
/// width allows. With ``isFlowed`` the lines follow RFC 3676 `format=flowed`: a wrapped line ends
/// in a space, hard lines do not, and lines that start with a space, `>` or `From ` are
/// space-stuffed.
struct TextLayout {
    /// How a piece of text may be broken and escaped.
    enum Mode {
        /// Prose: spaces are break opportunities and runs of spaces collapse.
        case normal
        /// Inline code: kept whole, spaces included.
        case literal
        /// A URL: kept whole.
        case url
        /// Heading text: prose, but never followed by a soft break in flowed output.
        case title
    }

    /// The text written so far.
    private(set) var out = ""
    /// The wrap width in columns.
    let width: Int
    /// True for RFC 3676 `format=flowed` output.
    let isFlowed: Bool

    private var prefixes: [Prefix] = []
    /// Words of the paragraph being built; `nil` marks a hard line break.
    private var words: [String?] = []
    /// True when the next text starts a new word (a break opportunity precedes it).
    private var isAtBreak = true
    private var isTitle = false
    private var isAfterMarker = false

    init(width: Int, isFlowed: Bool) {
        self.width = max(width, 20)
        self.isFlowed = isFlowed
        out.reserveCapacity(16 * 1024)
    }

    // MARK: - Prefixes

    private struct Prefix {
        var first: String
        var rest: String
        var isQuote: Bool
        var isUsed = false
    }

    /// Adds a prefix for the lines of a nested block: `first` on its first line, `rest` after.
    mutating func pushPrefix(first: String, rest: String) {
        prefixes.append(Prefix(first: first, rest: rest, isQuote: false))
    }

    /// Adds a block quote level (`> `; in flowed output quote marks run together, `>> `).
    mutating func pushQuote() {
        prefixes.append(Prefix(first: "> ", rest: "> ", isQuote: true))
    }

    /// Removes the innermost prefix.
    mutating func popPrefix() {
        if prefixes.last?.isUsed == false { line("") }
        prefixes.removeLast()
    }

    /// The width the current prefixes leave for text on the next line.
    var available: Int {
        max(10, width - prefixString().count - (isFlowed ? 1 : 0))
    }

    private mutating func consumePrefix() -> String {
        let text = prefixString()
        for i in prefixes.indices { prefixes[i].isUsed = true }
        return text
    }

    private func prefixString() -> String {
        var text = ""
        var quoteDepth = 0
        for i in prefixes.indices {
            let part = prefixes[i].isUsed ? prefixes[i].rest : prefixes[i].first
            if isFlowed, prefixes[i].isQuote {
                // RFC 3676 §4.5: the quote depth is the run of '>' at the very start of the line.
                quoteDepth += 1
                continue
            }
            if quoteDepth > 0 {
                text += String(repeating: ">", count: quoteDepth) + " "
                quoteDepth = 0
            }
            text += part
        }
        if quoteDepth > 0 { text += String(repeating: ">", count: quoteDepth) + " " }
        return text
    }

    // MARK: - Lines

    /// Writes one line as it is, with the current prefixes and no wrapping.
    mutating func line(_ text: String) {
        emit(text, isSoft: false)
    }

    /// Writes a blank line (prefixes trimmed of trailing spaces).
    mutating func blankLine() {
        emit("", isSoft: false)
    }

    /// True when nothing has been written yet.
    var isEmpty: Bool { out.isEmpty && words.isEmpty }

    private mutating func emit(_ text: String, isSoft: Bool) {
        let hasQuote = isFlowed && prefixes.contains { $0.isQuote }
        var full = consumePrefix() + text
        while full.last == " " { full.removeLast() }
        if isFlowed {
            // RFC 3676 §4.4: space-stuff lines that would be read as quoted, stuffed or "From ".
            if full.hasPrefix(" ") || full.hasPrefix("From ") || (!hasQuote && full.hasPrefix(">"))
            {
                full = " " + full
            }
            // Only prose flows: a reader that reflows would run an indented continuation line
            // (a list item's hanging indent) into the line before it, spaces and all.
            if isSoft, prefixes.allSatisfy(\.isQuote) { full += " " }
        }
        out += full
        out += "\n"
    }

    // MARK: - Wrapped text

    /// Adds text to the pending paragraph.
    mutating func write(_ text: String, mode: Mode) {
        switch mode {
        case .normal, .title:
            if mode == .title { isTitle = true }
            var current = ""
            for c in text {
                if c == " " || c == "\n" || c == "\t" {
                    if !current.isEmpty { appendWord(current) }
                    current = ""
                    isAtBreak = true
                } else {
                    current.append(c)
                }
            }
            if !current.isEmpty { appendWord(current) }
        case .literal, .url:
            appendWord(text.replacingNewlines())
        }
    }

    /// Adds a break opportunity (a space) to the pending paragraph.
    mutating func space() { isAtBreak = true }

    /// Adds a forced line break to the pending paragraph.
    mutating func hardBreak() {
        words.append(nil)
        isAtBreak = true
    }

    /// Appends text to the last word with no break opportunity before it.
    ///
    /// With `isSeparate`, a word that follows directly and starts with a letter or digit is kept
    /// apart by a space (`[6]come` would not read as a reference marker).
    mutating func glue(_ text: String, isSeparate: Bool = false) {
        isAtBreak = false
        appendWord(text)
        isAfterMarker = isSeparate
    }

    private mutating func appendWord(_ word: String) {
        if isAfterMarker, let c = word.first, c.isLetter || c.isNumber { isAtBreak = true }
        isAfterMarker = false
        if !isAtBreak, let last = words.last, let previous = last {
            words[words.count - 1] = previous + word
        } else {
            words.append(word)
        }
        isAtBreak = false
    }

    /// Wraps the pending paragraph into lines and writes them; returns the widest line's width.
    @discardableResult
    mutating func flush() -> Int {
        defer {
            words.removeAll()
            isAtBreak = true
            isTitle = false
        }
        if words.isEmpty { return 0 }
        var lines: [(text: String, isSoft: Bool)] = []
        var current = ""
        let limit = available
        for word in words {
            guard let word else {
                lines.append((current, false))
                current = ""
                continue
            }
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= limit {
                current += " " + word
            } else if Self.looksLikeBlockStart(word), let space = current.lastIndex(of: " ") {
                // A wrapped line must not start like a list item or quote, or a reader would
                // see one: carry the previous word down with it.
                lines.append((String(current[..<space]), true))
                current = current[current.index(after: space)...] + " " + word
            } else {
                lines.append((current, true))
                current = word
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append((current, false)) }
        var widest = 0
        for (text, isSoft) in lines {
            widest = max(widest, text.count)
            emit(text, isSoft: isSoft && !isTitle)
        }
        return widest
    }
}

extension TextLayout {
    /// `-`, `*`, `+`, `>…`, `12.` or `12)`: what would start a list item or a quote.
    static func looksLikeBlockStart(_ word: String) -> Bool {
        if word == "-" || word == "*" || word == "+" || word == "•" || word.hasPrefix(">") {
            return true
        }
        guard let last = word.last, last == "." || last == ")" else { return false }
        let digits = word.dropLast()
        return !digits.isEmpty && digits.count <= 3 && digits.allSatisfy(\.isNumber)
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
