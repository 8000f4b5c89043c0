extension TextLayout {
    /// The words of a paragraph waiting to be wrapped.
    struct Paragraph {
        enum Piece {
            /// A word and the spaces written before it when it does not start a line.
            case word(text: String, gap: String)
            /// A forced line break.
            case hardBreak
        }

        var pieces: [Piece] = []
        /// True when a prose space (or the paragraph start) comes before the next word.
        var hasBreak = true
        /// Spaces of literal text before the next word; they are kept as they are.
        var literalSpaces = 0
        var isTitle = false
        var isAfterMarker = false

        var isEmpty: Bool { pieces.isEmpty }
    }

    /// Adds text to the pending paragraph.
    mutating func write(_ text: String, mode: Mode) {
        switch mode {
        case .normal, .title:
            if mode == .title { pending.isTitle = true }
            var current = ""
            for c in text {
                if c == " " || c == "\n" || c == "\t" {
                    if !current.isEmpty { appendWord(current) }
                    current = ""
                    pending.hasBreak = true
                } else {
                    current.append(c)
                }
            }
            if !current.isEmpty { appendWord(current) }
        case .literal:
            // Code breaks at its spaces like prose, but a line that keeps them keeps them all.
            var current = ""
            for c in text {
                if c == " " || c.isNewline {
                    if !current.isEmpty { appendWord(current) }
                    current = ""
                    pending.literalSpaces += 1
                } else {
                    current.append(c)
                }
            }
            if !current.isEmpty { appendWord(current) }
        case .url:
            appendWord(String(text.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
        }
    }

    /// Adds a break opportunity (a space) to the pending paragraph.
    mutating func space() { pending.hasBreak = true }

    /// Adds a forced line break to the pending paragraph.
    mutating func hardBreak() {
        pending.pieces.append(.hardBreak)
        pending.hasBreak = true
        pending.literalSpaces = 0
    }

    /// Appends text to the last word with no break opportunity before it.
    ///
    /// With `isSeparate`, a word that follows directly and starts with a letter or digit is kept
    /// apart by a space (`[6]come` would not read as a reference marker).
    mutating func glue(_ text: String, isSeparate: Bool = false) {
        pending.hasBreak = false
        pending.literalSpaces = 0
        appendWord(text)
        pending.isAfterMarker = isSeparate
    }

    private mutating func appendWord(_ word: String) {
        if pending.isAfterMarker, let c = word.first, c.isLetter || c.isNumber {
            pending.hasBreak = true
        }
        pending.isAfterMarker = false
        let spaces = pending.literalSpaces + (pending.hasBreak ? 1 : 0)
        if spaces == 0, case .word(let previous, let gap)? = pending.pieces.last {
            pending.pieces[pending.pieces.count - 1] = .word(text: previous + word, gap: gap)
        } else {
            pending.pieces.append(.word(text: word, gap: String(repeating: " ", count: spaces)))
        }
        pending.hasBreak = false
        pending.literalSpaces = 0
    }

    /// Wraps the pending paragraph into lines of at most ``available`` columns (a single word
    /// wider than that has a line of its own) and writes them.
    mutating func flush() {
        defer { pending = Paragraph() }
        if pending.isEmpty { return }
        var lines: [(text: String, isSoft: Bool)] = []
        var current: [(text: String, gap: String)] = []
        var count = 0
        let limit = available
        func joined(_ words: [(text: String, gap: String)]) -> String {
            var text = words.first?.text ?? ""
            for word in words.dropFirst() { text += word.gap + word.text }
            return text
        }
        for piece in pending.pieces {
            guard case .word(let word, let gap) = piece else {
                lines.append((joined(current), false))
                current = []
                count = 0
                continue
            }
            if current.isEmpty {
                current = [(word, gap)]
                count = word.count
            } else if count + gap.count + word.count <= limit {
                current.append((word, gap))
                count += gap.count + word.count
            } else if Self.looksLikeBlockStart(word), let carried = current.last,
                current.count > 1
            {
                // A wrapped line must not start like a list item or quote, or a reader would
                // see one: carry the previous word down with it.
                current.removeLast()
                lines.append((joined(current), true))
                current = [carried, (word, gap)]
                count = carried.text.count + gap.count + word.count
            } else {
                lines.append((joined(current), true))
                current = [(word, gap)]
                count = word.count
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append((joined(current), false)) }
        for (text, isSoft) in lines {
            emit(text, isLiteral: false, isSoft: isSoft && !pending.isTitle)
        }
    }

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
