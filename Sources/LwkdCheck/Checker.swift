import LwkdModel

/// Runs the rules over a post and applies the configuration and the post's own comments.
public struct Checker: Sendable {
    /// The instant every date rule judges against (`--now`, else the clock).
    public var now: PostDate
    /// Severities set by `.lwkdconv.yml` and `--rule`; nil switches a rule off.
    public var severities: [String: Severity?]
    /// Which rules run at all (`send` runs only the rules that guard publishing).
    public var includes: @Sendable (Rule) -> Bool

    /// Creates a checker.
    public init(
        now: PostDate, severities: [String: Severity?] = [:],
        includes: @escaping @Sendable (Rule) -> Bool = { _ in true }
    ) {
        self.now = now
        self.severities = severities
        self.includes = includes
    }

    /// The severity `rule` has here, or nil when it is off.
    public func severity(of rule: Rule) -> Severity? {
        guard includes(rule) else { return nil }
        if let configured = severities[rule.id] { return configured }
        return rule.severity
    }

    /// For a checker of only the rules that guard publishing: which paragraphs' inline nodes
    /// its outline needs (``ReadContext/keepsInlines``). Its findings are the same as with
    /// the whole outline.
    public static let publishingGuardKeepsInlines: @Sendable (ArraySlice<UInt8>) -> Bool = {
        TemplateRules.readsText(ofParagraph: $0)
    }

    /// Every finding in `post`, in source order.
    public func findings(in post: CheckedPost) -> [Finding] {
        var found = Findings(post)
        let tree = OutlineTree(post.outline)
        // A group none of whose rules is on here is not run at all (`send` runs two).
        func runs(_ group: Rule.Group) -> Bool {
            Rules.all.contains { $0.group == group && severity(of: $0) != nil }
        }
        if runs(.date) { DateRules.run(post, now: now, into: &found) }
        if runs(.template) { TemplateRules.run(post, tree, into: &found) }
        if runs(.links), post.isMarkdown { LinkRules.run(post, tree, into: &found) }
        if runs(.text) { TextRules.run(post, tree, into: &found) }
        let suppressions = Suppressions(post)  // nothing to do unless the post names lwkdconv-
        var kept: [Finding] = []
        var seen = Set<Finding>()
        for var finding in found.items {
            guard let rule = Rules.named(finding.rule), let severity = severity(of: rule),
                !suppressions.isOff(rule.id, at: finding.range.line)
            else { continue }
            finding.severity = severity
            if seen.insert(finding).inserted { kept.append(finding) }
        }
        return kept.sorted {
            ($0.range.line, $0.range.column, $0.rule) < ($1.range.line, $1.range.column, $1.rule)
        }
    }
}
