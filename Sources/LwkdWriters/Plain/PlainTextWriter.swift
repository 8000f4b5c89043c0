import LwkdModel

/// The newsletter's text/plain edition: what an email's text part and text-only readers get.
///
/// The title and date come first; sections are underlined with `=`, sub-sections with `-`;
/// paragraphs are wrapped at the context's column width, inline code at its spaces like prose
/// and never inside a URL or word; links become numbered references (`file a ticket [1]`)
/// listed after each section or at the end of the document, and the same URL keeps its number.
/// An autolink whose text is its URL is printed once, in place.
public struct PlainTextWriter: Writer {
    /// Where the numbered link references are listed.
    public enum ReferenceLocation: String, CaseIterable, Sendable {
        /// After each section (the text before a level-1 or level-2 heading).
        case section
        /// Once, at the end of the document.
        case document
    }

    public let format = "plain"
    public let aliases = ["text", "txt"]
    public let fileExtensions = ["txt", "text"]
    public let isBinary = false
    public let summary = "plain-text edition, wrapped, links as numbered references"

    /// Where link references are listed.
    public var referenceLocation: ReferenceLocation
    /// True for RFC 3676 `format=flowed` lines (for a MIME text part declared
    /// `Content-Type: text/plain; format=flowed`).
    public var isFlowed: Bool

    /// Creates the writer.
    ///
    /// - Parameters:
    ///   - referenceLocation: Where link references are listed; after each section by default.
    ///   - flowed: Write RFC 3676 `format=flowed` lines; use it for an email's text part.
    public init(referenceLocation: ReferenceLocation = .section, flowed: Bool = false) {
        self.referenceLocation = referenceLocation
        self.isFlowed = flowed
    }

    public var linksWithinDocument: Bool { false }

    public func configured(_ options: WriterOptions) -> any Writer {
        PlainTextWriter(
            referenceLocation: options.referenceLocation.flatMap(ReferenceLocation.init(rawValue:))
                ?? referenceLocation,
            flowed: options.isFlowed || isFlowed)
    }

    public func write(_ post: Post, in context: WriteContext) throws(WriteError) -> Output {
        let document = post.document
        var renderer = PlainRenderer(
            layout: TextLayout(width: context.columns, isFlowed: isFlowed),
            referenceLocation: referenceLocation, site: context.site,
            diagnostics: context.diagnostics)
        renderer.sourceMap = post.sourceMap
        renderer.writeHeader(post.facts, style: context.dateStyle)
        renderer.writeBlocks(document.blocks, isTight: false, isTopLevel: true)
        renderer.writeReferences()
        let text = renderer.layout.out
        // Text for a terminal or a mail reader: an ESC, a CSI or a CR from the post could move
        // the cursor, clear the screen or retitle the window. Tab and newline stay.
        guard text.unicodeScalars.contains(where: { $0.isControl && $0 != "\t" && $0 != "\n" })
        else { return .text(text) }
        var clean = String.UnicodeScalarView()
        var dropped = 0
        for scalar in text.unicodeScalars {
            if scalar.isControl && scalar != "\t" && scalar != "\n" {
                dropped += 1
            } else {
                clean.append(scalar)
            }
        }
        context.diagnostics.warn(
            "\(dropped) control character\(dropped == 1 ? "" : "s") dropped from the plain text",
            file: post.file)
        return .text(String(clean))
    }
}
