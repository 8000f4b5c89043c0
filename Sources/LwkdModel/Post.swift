/// A post ready to write: the document, the facts computed from it once, and where its parts
/// came from.
public struct Post: Sendable {
    /// The model.
    public var document: Document
    /// Title, date, permalink, id and subject, computed once.
    public var facts: PostFacts
    /// Source positions for diagnostics.
    public var sourceMap: SourceMap

    /// Creates a post from parts already computed.
    public init(document: Document, facts: PostFacts, sourceMap: SourceMap = SourceMap()) {
        self.document = document
        self.facts = facts
        self.sourceMap = sourceMap
    }

    /// Creates a post, computing its facts and reporting each fallback of the chain once.
    public init(
        document: Document, sourceMap: SourceMap = SourceMap(), site: Site,
        diagnostics: DiagnosticSink
    ) {
        self.document = document
        self.sourceMap = sourceMap
        self.facts = PostFacts.derive(
            from: document, sourceMap: sourceMap, site: site, diagnostics: diagnostics)
    }

    /// The file name to put in messages.
    public var file: String? { sourceMap.file ?? document.meta.fileName }
}
