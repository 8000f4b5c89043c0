import LwkdXML

/// Moves a stylesheet's rules into `style` attributes, because Gmail and Outlook ignore or
/// strip `<style>` blocks; a rule applies with CSS's cascade order (importance, specificity,
/// source order), and an element's own `style` declarations win over non-important rules.
public struct CSSInliner: Sendable {
    let stylesheet: CSSStylesheet

    /// An inliner for `stylesheet`'s rules.
    public init(stylesheet: CSSStylesheet) {
        self.stylesheet = stylesheet
    }

    /// Elements the inliner never styles (document head, raw text); they keep their own
    /// `style` as it was.
    public static var unstyledElements: Set<String> { skipped }

    /// Elements that are never styled (document head, raw text).
    private static let skipped: Set<String> = [
        "html", "head", "meta", "title", "style", "link", "script", "br", "wbr",
    ]

    /// What every mail client's user-agent stylesheet already gives an element. Such a
    /// declaration is left out of `style` attributes when the cascade's result equals it: a
    /// list of links (a year's appendix) would otherwise spend a sixth of Gmail's 102 KB on
    /// `text-decoration: underline`. The writer keeps those rules in the `<style>` block
    /// (`clientDefaultRules`) for the clients that restyle links, and a client that strips the
    /// block underlines links by itself.
    static let clientDefaults: [String: [String: String]] = ["a": ["text-decoration": "underline"]]

    /// Whether `property: value` is what a client gives `element` unstyled (`a` only with an
    /// `href`: an anchor without one is not a link).
    static func isClientDefault(_ property: String, _ value: String, of element: HTMLElement)
        -> Bool
    {
        guard let defaults = clientDefaults[element.name], defaults[property] == value.lowercased()
        else { return false }
        return element.name != "a" || element[attribute: "href"] != nil
    }

    /// The theme's rules that set a client default, as CSS for the `<style>` block.
    var clientDefaultRules: String {
        stylesheet.rules.compactMap { rule -> String? in
            guard let subject = rule.selector.compounds.last?.element,
                let defaults = CSSInliner.clientDefaults[subject]
            else { return nil }
            let kept = rule.declarations.filter {
                defaults[$0.property] == $0.value.lowercased()
            }
            guard !kept.isEmpty else { return nil }
            let body = kept.map { "\($0.property): \($0.value)\($0.isImportant ? " !important" : "")" }
            return "\(rule.selectorText) { \(body.joined(separator: "; ")); }"
        }.joined(separator: "\n")
    }

    /// `root` with every element's `style` set to the declarations the cascade gives it.
    public func inline(_ root: HTMLElement) -> HTMLElement {
        var root = root
        inline(&root)
        return root
    }

    /// Sets every element's `style` in place: the page's tree is not copied (for a big post
    /// the tree and its copy were two of the largest things in memory, issue 15).
    public func inline(_ root: inout HTMLElement) {
        var ancestors: [Ancestor] = []
        apply(&root, ancestors: &ancestors)
    }

    /// What a selector reads of an enclosing element.
    struct Ancestor {
        var name: String
        var id: String?
        var classes: [Substring]

        init(_ element: HTMLElement) {
            name = element.name
            id = element[attribute: "id"]
            classes = element.classes
        }
    }

    /// Sets `element`'s `style` to what the cascade gives it inside `ancestors` (outermost
    /// first); its children are not looked at.
    func style(_ element: inout HTMLElement, ancestors: [Ancestor]) {
        guard !CSSInliner.skipped.contains(element.name),
            let style = style(for: element, ancestors: ancestors)
        else { return }
        element[attribute: "style"] = style
    }

    private func apply(_ element: inout HTMLElement, ancestors: inout [Ancestor]) {
        style(&element, ancestors: ancestors)
        ancestors.append(Ancestor(element))
        for index in element.children.indices {
            guard case .element(var child) = element.children[index] else { continue }
            // The slot let go first, so the child is changed in place, not copied.
            element.children[index] = .text("")
            apply(&child, ancestors: &ancestors)
            element.children[index] = .element(child)
        }
        ancestors.removeLast()
    }

    private func style(for element: HTMLElement, ancestors: [Ancestor]) -> String? {
        var matched: [(CSSStylesheet.Declaration, Int, Int)] = []
        for rule in stylesheet.rules where matches(rule.selector, element, ancestors) {
            for declaration in rule.declarations {
                matched.append((declaration, rule.selector.specificity, rule.order))
            }
        }
        let own = CSSStylesheet.declarations(in: element[attribute: "style"] ?? "")
        guard !matched.isEmpty else { return nil }
        // Cascade: important last, then specificity, then source order; inline wins ties.
        matched.sort { a, b in
            if a.0.isImportant != b.0.isImportant { return !a.0.isImportant }
            if a.1 != b.1 { return a.1 < b.1 }
            return a.2 < b.2
        }
        var properties: [String] = []
        var values: [String: (value: String, isImportant: Bool)] = [:]
        func set(_ d: CSSStylesheet.Declaration, force: Bool) {
            if values[d.property] == nil { properties.append(d.property) }
            if force || !(values[d.property]?.isImportant ?? false) || d.isImportant {
                values[d.property] = (d.value, d.isImportant)
            }
        }
        for (declaration, _, _) in matched { set(declaration, force: true) }
        for declaration in own { set(declaration, force: false) }
        let authored = Set(own.map(\.property))
        let style = properties.compactMap { p -> String? in
            guard let v = values[p],
                authored.contains(p) || !CSSInliner.isClientDefault(p, v.value, of: element)
            else { return nil }
            return "\(p): \(v.value)"
        }.joined(separator: "; ")
        return style.isEmpty ? nil : style
    }

    private func matches(
        _ selector: CSSStylesheet.Selector, _ element: HTMLElement, _ ancestors: [Ancestor]
    ) -> Bool {
        let compounds = selector.compounds
        guard let last = compounds.last, matches(last, Ancestor(element)) else { return false }
        return matchAncestors(
            selector, compoundIndex: compounds.count - 2, ancestors, ancestors.count)
    }

    /// Matches compounds[0...compoundIndex] against ancestors[0..<limit], right to left.
    private func matchAncestors(
        _ selector: CSSStylesheet.Selector, compoundIndex: Int, _ ancestors: [Ancestor],
        _ limit: Int
    ) -> Bool {
        if compoundIndex < 0 { return true }
        let compound = selector.compounds[compoundIndex]
        let isChild = selector.isChild[compoundIndex]
        var index = limit - 1
        while index >= 0 {
            if matches(compound, ancestors[index]),
                matchAncestors(selector, compoundIndex: compoundIndex - 1, ancestors, index)
            {
                return true
            }
            if isChild { return false }
            index -= 1
        }
        return false
    }

    private func matches(_ compound: CSSStylesheet.Compound, _ element: Ancestor) -> Bool {
        if let name = compound.element, name != element.name { return false }
        if let id = compound.id, element.id != id { return false }
        if !compound.classes.isEmpty {
            let classes = element.classes
            for c in compound.classes where !classes.contains(where: { $0 == c }) { return false }
        }
        return true
    }
}

/// Writes a page as libxml2 parses it, each element's `style` set by the inliner at its start
/// tag: the bytes of parsing, ``CSSInliner/inline(_:)-(inout)`` and ``HTMLSerializer`` (HTML),
/// with no tree of the page in memory (issue 15: for a big post the page's tree and its
/// inlined copy were the largest things in memory). The inliner's selectors look only at an
/// element and its ancestors, so its style is known when it starts.
final class InliningSerializer: HTMLEventSink {
    let inliner: CSSInliner
    /// What is written so far.
    private(set) var out: String
    /// True once the root element has started (a page that is not HTML has none).
    private(set) var hasRoot = false
    /// The open elements, outermost first, as selectors see them.
    private var ancestors: [CSSInliner.Ancestor] = []
    /// Where a void element is open: what it holds is not written, nor its end tag.
    private var voidDepth: Int?

    /// A serializer whose output starts with `prefix`, with room for about `expected` bytes
    /// (the page's size: reserved, not touched, so the output never grows by copying itself,
    /// which held two copies of a big page at once).
    init(inliner: CSSInliner, prefix: String, expected: Int = 0) {
        self.inliner = inliner
        out = prefix
        if expected > 0 { out.reserveCapacity(prefix.utf8.count + expected + expected / 2) }
    }

    func startElement(_ element: HTMLElement) {
        hasRoot = true
        var element = element
        if voidDepth == nil {
            inliner.style(&element, ancestors: ancestors)
            out += HTMLSerializer.startTag(element, flavor: .html)
            if HTMLSerializer.voidElements.contains(element.name) { voidDepth = ancestors.count }
        }
        ancestors.append(CSSInliner.Ancestor(element))
    }

    func endElement() {
        guard let element = ancestors.popLast() else { return }
        if let depth = voidDepth {
            if depth == ancestors.count { voidDepth = nil }
            return
        }
        out += "</" + element.name + ">"
    }

    func text(_ text: String, cdata: Bool) {
        guard voidDepth == nil else { return }
        // HTML keeps script and style content raw.
        let name = ancestors.last?.name
        out += name == "script" || name == "style" ? text : HTMLSerializer.escape(text, quotes: false)
    }

    func comment(_ text: String) {
        guard voidDepth == nil else { return }
        out += HTMLSerializer.comment(text)
    }

    func droppedNode() {}

    /// The page, with `suffix` after it, handed over (the serializer keeps no copy).
    func finish(_ suffix: String) -> String {
        out += suffix
        defer { out = "" }
        return out
    }
}
