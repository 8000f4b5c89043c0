import Foundation
import LwkdModel

/// What is left from the site's `template.md`: bare bullets, empty sections, placeholders,
/// a heading pasted twice.
enum TemplateRules {
    static func run(_ post: CheckedPost, _ tree: OutlineTree, into found: inout Findings) {
        placeholders(post, tree, into: &found)
        guard post.isMarkdown else { return }
        bareItems(post, tree, into: &found)
        sections(post, tree, into: &found)
    }

    /// The paragraphs whose text the rules that guard publishing read (``placeholders``'s
    /// "Next Deadline:"); the outline of a conversion keeps the inline nodes of these
    /// paragraphs and of headings only (``ReadContext/keepsInlines``).
    static func readsText(ofParagraph source: ArraySlice<UInt8>) -> Bool {
        source.firstRange(of: deadline) != nil
    }

    private static let deadline = Array("Next Deadline:".utf8)

    /// The template's placeholder words, anywhere outside code.
    static let placeholderWords = ["Month DD, YYYY", "POST_SLUG_DATE", "POST_DATE"]

    static func placeholders(_ post: CheckedPost, _ tree: OutlineTree, into found: inout Findings)
    {
        var taken: [Range<Int>] = []
        for word in placeholderWords {
            let needle = Array(word.utf8)
            var from = 0
            while let i = post.firstOffset(of: needle, in: from..<post.bytes.count) {
                from = i + needle.count
                guard !post.codeLines.contains(post.lineNumber(ofByte: i)),
                    !taken.contains(where: { $0.contains(i) })
                else { continue }
                taken.append(i..<(i + needle.count))
                found.add(
                    Rules.placeholder, bytes: i, i + needle.count,
                    "'\(word)' is a placeholder from the template; replace it")
            }
        }
        // "**Next Deadline:**" with nothing after it, in a paragraph of its own.
        guard post.contains(deadline) else { return }
        for (i, node) in tree.nodes.enumerated() where node.kind == .paragraph {
            let span = post.span(of: node)
            guard post.firstOffset(of: deadline, in: span) != nil else { continue }
            let text = Text.collapsed(tree.text(of: i))
            guard let range = text.range(of: "Next Deadline:") else { continue }
            let rest = text[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " *_"))
            guard rest.isEmpty else { continue }
            found.add(
                Rules.placeholder, bytes: span.lowerBound, span.upperBound,
                "'Next Deadline:' has no deadline after it; fill it in or remove the line")
        }
    }

    /// `*` or `-` with nothing after it.
    static func bareItems(_ post: CheckedPost, _ tree: OutlineTree, into found: inout Findings) {
        for node in tree.nodes where node.kind == .item && node.isEmpty {
            guard node.range.line >= 1, node.range.line <= post.lineCount else { continue }
            let last = max(node.range.line, min(node.range.endLine, post.lineCount))
            let lines = node.range.line...last
            // Only a line holding nothing but the marker is removed.
            let markerOnly = lines.allSatisfy { n in
                let word = post.text(ofLine: n).trimmingCharacters(in: .whitespaces)
                return ["*", "-", "+"].contains(word) || isOrderedMarker(word) || word.isEmpty
            }
            let start = post.byteOffset(line: node.range.line, column: node.range.column)
            let end = post.line(node.range.line).endIndex
            let fix = markerOnly
                ? Fix(
                    start: post.fullLine(lines.lowerBound).lowerBound,
                    end: post.fullLine(lines.upperBound).upperBound, replacement: "",
                    summary: "remove the empty list item")
                : nil
            found.add(
                Rules.bareListItem, bytes: start, max(start + 1, end),
                "empty list item left from the template; remove it or write the entry", fix: fix)
        }
    }

    static func isOrderedMarker(_ word: String) -> Bool {
        guard let last = word.last, last == "." || last == ")" else { return false }
        let digits = word.dropLast()
        return !digits.isEmpty && digits.count <= 9 && digits.allSatisfy(\.isASCIIDigit)
    }

    /// Headings with nothing under them, and a heading twice in a row.
    static func sections(_ post: CheckedPost, _ tree: OutlineTree, into found: inout Findings) {
        let blocks = tree.topLevel
        for (k, i) in blocks.enumerated() where tree.nodes[i].kind == .heading {
            let heading = tree.nodes[i]
            let title = Text.collapsed(tree.text(of: i))
            var next = k + 1
            var hasContent = false
            while next < blocks.count {
                let block = tree.nodes[blocks[next]]
                if block.kind == .heading, block.level <= heading.level { break }
                if block.kind != .heading, !isEmptyList(blocks[next], tree) { hasContent = true }
                next += 1
            }
            // The same heading again at once (blank lines between are fine).
            if k + 1 < blocks.count {
                let other = tree.nodes[blocks[k + 1]]
                if other.kind == .heading, other.level == heading.level,
                    Text.collapsed(tree.text(of: blocks[k + 1])).lowercased() == title.lowercased()
                {
                    let span = post.span(of: other)
                    found.add(
                        Rules.duplicateHeading, bytes: span.lowerBound, span.upperBound,
                        "heading '\(title)' repeats the one on line \(heading.range.line); "
                            + "remove one")
                    continue
                }
            }
            guard !hasContent else { continue }
            var firstLine = heading.range.line
            let lastLine =
                next < blocks.count ? tree.nodes[blocks[next]].range.line - 1 : post.lineCount
            // A section that ends the post takes the blank lines before it along.
            if next >= blocks.count {
                while firstLine - 1 > post.frontMatterEnd, post.isBlank(firstLine - 1) {
                    firstLine -= 1
                }
            }
            let span = post.span(of: heading)
            let fix = Fix(
                start: post.fullLine(firstLine).lowerBound,
                end: post.fullLine(max(firstLine, lastLine)).upperBound, replacement: "",
                summary: "remove the empty section '\(title)'")
            found.add(
                Rules.emptySection, bytes: span.lowerBound, span.upperBound,
                "section '\(title)' has nothing under it; fill it in or remove the heading",
                fix: fix)
        }
    }

    /// A list whose every item is empty (template bullets).
    static func isEmptyList(_ i: Int, _ tree: OutlineTree) -> Bool {
        tree.nodes[i].kind == .list
            && tree.children(of: i).allSatisfy { tree.nodes[$0].isEmpty }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
