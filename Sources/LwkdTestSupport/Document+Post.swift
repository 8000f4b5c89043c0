import LwkdModel

extension Document {
    /// The document as a post, its facts computed without diagnostics (tests only).
    public func post(site: Site = .lwkd) -> Post {
        Post(document: self, facts: PostFacts.quiet(self, site: site))
    }

    /// The document's facts, computed without diagnostics (tests only).
    public func facts(site: Site = .lwkd) -> PostFacts { PostFacts.quiet(self, site: site) }
}
