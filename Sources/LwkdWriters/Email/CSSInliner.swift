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
        var ancestors: [HTMLElement] = []
        return apply(root, ancestors: &ancestors)
    }

    private func apply(_ element: HTMLElement, ancestors: inout [HTMLElement]) -> HTMLElement {
        var result = element
        if !CSSInliner.skipped.contains(element.name) {
            if let style = style(for: element, ancestors: ancestors) {
                result[attribute: "style"] = style
            }
        }
        ancestors.append(element)
        result.children = element.children.map { child in
            guard case .element(let childElement) = child else { return child }
            return .element(apply(childElement, ancestors: &ancestors))
        }
        ancestors.removeLast()
        return result
    }

    private func style(for element: HTMLElement, ancestors: [HTMLElement]) -> String? {
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
        _ selector: CSSStylesheet.Selector, _ element: HTMLElement, _ ancestors: [HTMLElement]
    ) -> Bool {
        let compounds = selector.compounds
        guard let last = compounds.last, matches(last, element) else { return false }
        return matchAncestors(
            selector, compoundIndex: compounds.count - 2, ancestors, ancestors.count)
    }

    /// Matches compounds[0...compoundIndex] against ancestors[0..<limit], right to left.
    private func matchAncestors(
        _ selector: CSSStylesheet.Selector, compoundIndex: Int, _ ancestors: [HTMLElement],
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

    private func matches(_ compound: CSSStylesheet.Compound, _ element: HTMLElement) -> Bool {
        if let name = compound.element, name != element.name { return false }
        if let id = compound.id, element[attribute: "id"] != id { return false }
        if !compound.classes.isEmpty {
            let classes = element.classes
            for c in compound.classes where !classes.contains(where: { $0 == c }) { return false }
        }
        return true
    }
}
