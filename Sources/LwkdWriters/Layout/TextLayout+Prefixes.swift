extension TextLayout {
    /// What one enclosing block puts before each of its lines.
    struct Prefix {
        /// Before the block's first line (a list item's marker).
        var first: String
        /// Before every later line (the marker's hanging indent).
        var rest: String
        /// A block quote level; flowed output writes these as one run of `>`.
        var isQuote: Bool
        /// True once the first line has been written.
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

    /// Removes the innermost prefix; a block that wrote no line still gets one (an empty list
    /// item is its bare marker).
    mutating func popPrefix() {
        if prefixes.last?.isUsed == false { line("") }
        prefixes.removeLast()
    }

    /// True while some prefix waits for its first line (a list item whose marker is not yet
    /// written).
    var hasUnwrittenPrefix: Bool { prefixes.contains { !$0.isUsed } }

    /// The width the current prefixes leave for text on the next line.
    var available: Int {
        guard let width else { return Int.max / 4 }
        return max(10, width - prefixString().count - (isFlowed ? 1 : 0))
    }

    /// The prefixes for the next line; each prefix's first line is then used up.
    mutating func consumePrefix() -> String {
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
        return capped(text)
    }

    /// The prefixes squeezed to at most half the width: nesting past the reader's cap (or
    /// just deep) must not push text past `--columns`. Indentation goes first, innermost
    /// first, keeping the space after each marker; then the outermost markers.
    private func capped(_ text: String) -> String {
        guard let width, text.count > width / 2 else { return text }
        var characters = Array(text)
        var excess = characters.count - width / 2
        var i = characters.count - 1
        while excess > 0, i > 0 {
            if characters[i] == " ", characters[i - 1] == " " {
                characters.remove(at: i)
                excess -= 1
            }
            i -= 1
        }
        if excess > 0 { characters.removeFirst(min(excess, characters.count)) }
        return String(characters)
    }
}
