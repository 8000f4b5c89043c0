import LwkdModel
import LwkdXML

extension EMLWriter {
    /// The plain-text edition for the message's first part: the plain writer's RFC 3676
    /// `format=flowed` text, then a signature block with the theme's footer, the "view
    /// online" link and the unsubscribe link.
    static func plainText(
        of post: Post, in context: WriteContext, unsubscribeURL: String
    ) throws(WriteError) -> String {
        let body = try PlainTextWriter(flowed: true).write(post, in: context)
        var plain = String(decoding: body.bytes, as: UTF8.self)
        if !plain.hasSuffix("\n") { plain += "\n" }
        // The signature's text may fill 40 to 78 columns; the soft-break space goes beyond.
        var text = TextLayout(
            width: max(40, min(context.columns, 78)) + 1, isFlowed: true, continuing: plain)
        text.blankLineIfNeeded()
        // RFC 3676 §4.3: "-- " is the signature separator.
        text.line("-- ", mode: .literal)
        if let footer = context.theme.variables["footer_html"] {
            for paragraph in HTMLText.paragraphs(fromHTML: footer) {
                text.paragraph(paragraph)
                text.blankLineIfNeeded()
            }
        }
        if let permalink = post.facts.permalink {
            text.paragraph("View this issue online: \(permalink)")
        }
        text.paragraph("Unsubscribe: \(unsubscribeURL)")
        return text.out
    }
}

extension TextLayout {
    /// Writes `text` as one wrapped paragraph of prose.
    fileprivate mutating func paragraph(_ text: String) {
        write(text, mode: .normal)
        flush()
    }
}
