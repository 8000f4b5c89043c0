import LwkdModel

extension Digest {
    /// Why a digest is refused as an e-mail: a year of posts is several hundred kilobytes,
    /// and Gmail clips a message's HTML past 102 KB.
    public static let mailRefusal =
        "a digest of a year's posts does not fit in an e-mail (Gmail clips messages over 102 KB); "
        + "give --appendix-only to send the year's changes alone, or write the book with --to epub"

    /// The combined post an e-mail writer sends: only the appendix is accepted.
    ///
    /// Each week is a bold line instead of a heading, which keeps a year's appendix inside
    /// Gmail's limit once an e-mail's inline styles are added (2022's: 129 KB with headings).
    ///
    /// - Throws: `WriteError.unsupported` with ``mailRefusal`` unless the digest is
    ///   appendix-only.
    public func mailPost(format: String, in context: WriteContext) throws(WriteError) -> Post {
        guard isAppendixOnly else { throw .unsupported(format: format, reason: Digest.mailRefusal) }
        var post = post(in: context, linksWithinDocument: false)
        let weekLevel = hasParts ? 3 : 2
        post.document.blocks = post.document.blocks.map { block in
            guard case .heading(let level, _, _, let content) = block, level >= weekLevel else {
                return block
            }
            return .paragraph(content: [.strong(content: content)])
        }
        return post
    }
}
