import Foundation
import LwkdModel

/// The template values of an HTML e-mail (Mustache names are snake_case).
enum EmailValues {
    static func make(for post: Post, context: WriteContext, renderer: HTMLRenderer)
        -> [String: Any]
    {
        let document = post.document
        let meta = document.meta
        let titleText = post.facts.title
        var values: [String: Any] = [
            "lang": context.variables["lang"] ?? meta["lang"]?.plainText ?? "en",
            "title": HTMLEscape.text(titleText),
            "title_text": titleText,
            "body": renderer.render(document.blocks),
            "preheader": preheader(of: document),
            "generator": context.generator,
        ]
        if context.theme.variables["newsletter_name"] == nil {
            values["newsletter_name"] = context.site.name
        }
        if let date = post.facts.date { values["date_text"] = context.dateStyle.format(date) }
        if let permalink = post.facts.permalink { values["permalink"] = permalink }
        for (key, value) in context.variables {
            values[key.replacingOccurrences(of: "-", with: "_")] = value
        }
        return values
    }

    /// The hidden preview line: `description:` from the front matter, else the first
    /// sentences of the first paragraph, at most about 150 characters.
    static func preheader(of document: Document) -> String {
        if let description = document.meta["description"]?.plainText, !description.isEmpty {
            return description
        }
        for case .paragraph(let content) in allParagraphs(document.blocks) {
            let text = content.plainText.split(whereSeparator: \.isWhitespace).joined(
                separator: " ")
            guard text.count >= 20 else { continue }
            return shortened(text, limit: 150)
        }
        return ""
    }

    private static func allParagraphs(_ blocks: [Block]) -> [Block] {
        var out: [Block] = []
        for block in blocks {
            block.forEach(block: { if case .paragraph = $0 { out.append($0) } }, inline: { _ in })
        }
        return out
    }

    private static func shortened(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        var cut = ""
        for sentence in text.split(separator: ".", omittingEmptySubsequences: false) {
            let next = cut.isEmpty ? String(sentence) + "." : cut + String(sentence) + "."
            if next.count > limit { break }
            cut = next
        }
        if cut.count >= 40 { return cut }
        let words = text.prefix(limit).split(separator: " ").dropLast()
        return words.joined(separator: " ") + "…"
    }

    /// A short excerpt of raw HTML for a warning, with its line when it has several.
    static func snippet(_ html: String, line: Int) -> String {
        let lines = html.split(separator: "\n", omittingEmptySubsequences: false)
        let text = line >= 1 && line <= lines.count ? String(lines[line - 1]) : html
        let short = text.trimmed.prefix(60)
        let place = lines.count > 1 ? "line \(line) of " : ""
        return "\(place)raw HTML '\(short)\(text.trimmed.count > 60 ? "…" : "")'"
    }
}
