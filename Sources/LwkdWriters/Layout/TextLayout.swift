/// Lays out text in lines for every text format (plain, Markdown, the e-mail signature), in the
/// manner of cmark's `render.c`: a stack of line prefixes (list indents, quote marks), an open
/// line for text that is written as it comes, and a pending paragraph of words that is wrapped
/// at the wrap width when it is flushed.
///
/// Each call that adds text picks a ``TextLayout/Mode``: normal text breaks at its spaces,
/// literal text (inline code) breaks at its spaces but keeps them as they are, URLs never break,
/// and titles are kept on as few lines as the width allows. With ``isFlowed`` the lines follow
/// RFC 3676 `format=flowed`: a wrapped line ends in a space, hard lines do not, and lines that
/// start with a space, `>` or `From ` are space-stuffed.
///
/// Prefixes are in `TextLayout+Prefixes.swift`, wrapping in `TextLayout+Wrapping.swift`.
struct TextLayout {
    /// How a piece of text may be broken and escaped.
    enum Mode {
        /// Prose: spaces are break opportunities and runs of spaces collapse. Lines lose their
        /// trailing spaces.
        case normal
        /// Inline code, code lines, Markdown source: written as it is. In a paragraph its spaces
        /// are break opportunities but keep their number; a line keeps its trailing spaces.
        case literal
        /// A URL: kept whole.
        case url
        /// Heading text: prose, but never followed by a soft break in flowed output.
        case title
    }

    /// The text written so far.
    private(set) var out = ""
    /// The width of a line, prefixes and flowed soft-break space included; `nil` never wraps.
    let width: Int?
    /// True for RFC 3676 `format=flowed` output.
    let isFlowed: Bool

    /// The prefixes of the enclosing blocks, outermost first.
    var prefixes: [Prefix] = []
    /// The paragraph being built by `write`, `space`, `glue` and `hardBreak`.
    var pending = Paragraph()
    /// The line being built by ``append(_:)``, without its prefixes.
    private(set) var openLine = ""

    /// Creates a layout that wraps at `width` columns (at least 20), or never when it is `nil`.
    ///
    /// - Parameter text: Output to continue, such as a body the signature follows.
    init(width: Int?, isFlowed: Bool = false, continuing text: String = "") {
        self.width = width.map { max($0, 20) }
        self.isFlowed = isFlowed
        out = text
    }

    // MARK: - Lines

    /// Writes one line with the current prefixes and no wrapping; in `.literal` mode trailing
    /// spaces are kept.
    mutating func line(_ text: some StringProtocol, mode: Mode = .normal) {
        emit(String(text), isLiteral: mode == .literal, isSoft: false)
    }

    /// Writes multi-line text line by line, each with the current prefixes.
    mutating func lines(_ text: String, mode: Mode = .normal) {
        var start = text.startIndex
        while let newline = text.utf8[start...].firstIndex(of: 10) {
            line(text[start..<newline], mode: mode)
            start = text.utf8.index(after: newline)
        }
        line(text[start...], mode: mode)
    }

    /// Writes a blank line (prefixes trimmed of trailing spaces).
    mutating func blankLine() {
        emit("", isLiteral: false, isSoft: false)
    }

    /// Writes a blank line unless nothing has been written or the output already ends in one.
    mutating func blankLineIfNeeded() {
        if !out.isEmpty, !out.hasSuffix("\n\n") { blankLine() }
    }

    /// True when nothing has been written yet.
    var isEmpty: Bool { out.isEmpty && pending.isEmpty && openLine.isEmpty }

    // MARK: - The open line

    /// Appends text to the open line, as it is; ``newline()`` writes the line.
    mutating func append(_ text: some StringProtocol) {
        openLine += text
    }

    /// True when the open line has no text yet (its prefixes do not count).
    var isAtLineStart: Bool { openLine.isEmpty }

    /// Writes the open line as it is, with the current prefixes, and starts a new one.
    mutating func newline() {
        emit(openLine, isLiteral: true, isSoft: false)
        openLine = ""
    }

    // MARK: - Emitting

    /// Writes `text` as a line after the current prefixes: trimmed of trailing spaces unless
    /// literal (a literal empty line still trims its prefixes), then space-stuffed and given its
    /// soft-break space in flowed output.
    mutating func emit(_ text: String, isLiteral: Bool, isSoft: Bool) {
        let hasQuote = isFlowed && prefixes.contains { $0.isQuote }
        var full = consumePrefix() + text
        if !isLiteral || text.isEmpty {
            while full.last == " " { full.removeLast() }
        }
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
}
