import LwkdModel
import LwkdThemes
import LwkdWriters
import LwkdXML
import Testing

@Suite struct CSSInlinerTests {
    private func inlined(css: String, body: String) throws -> [HTMLElement] {
        let template = try ThemeTemplate(
            name: "html-email", path: "test/html-email.html",
            text:
                "<!DOCTYPE html><html lang=\"en\"><head><title>t</title></head><body>{{{body}}}</body></html>"
        )
        let theme = Theme(name: "test", stylesheets: [css], templates: [template])
        let document = Document(meta: Meta(), blocks: [.rawBlock(format: "html", text: body)])
        let output = try HTMLEmailWriter().write(document, in: WriteContext(theme: theme))
        guard case .text(let html) = output, let root = HTMLParser.parseDocument(html) else {
            return []
        }
        return EmailFixtures.elements(root)
    }

    @Test func cascadeOrdersBySpecificityThenSourceOrder() throws {
        let css =
            "p { color: red; margin: 0 } .note { color: blue } p { margin: 4px } div p { color: green }"
        let elements = try inlined(css: css, body: "<div><p class=\"note\">a</p></div><p>b</p>")
        let styles = elements.filter { $0.name == "p" }.map { $0[attribute: "style"] ?? "" }
        #expect(styles == ["color: blue; margin: 4px", "color: red; margin: 4px"])
    }

    @Test func childCombinatorAndImportant() throws {
        let css =
            "div > span { font-weight: bold } span { color: red !important } .x span { color: blue }"
        let elements = try inlined(
            css: css, body: "<div><span>a</span><em><span>b</span></em></div>")
        let styles = elements.filter { $0.name == "span" }.map { $0[attribute: "style"] ?? "" }
        #expect(styles == ["font-weight: bold; color: red", "color: red"])
    }

    @Test func ownStyleAttributeWins() throws {
        let elements = try inlined(
            css: "p { color: red; margin: 0 }", body: "<p style=\"color: green\">a</p>")
        #expect(elements.first { $0.name == "p" }?[attribute: "style"] == "color: green; margin: 0")
    }

    @Test func mediaQueriesStayInTheHead() throws {
        let context = WriteContext(
            theme: Theme(
                name: "t",
                stylesheets: ["@media (max-width: 600px) { .a { color: red !important; } }"],
                templates: [
                    try ThemeTemplate(
                        name: "html-email", path: "t",
                        text:
                            "<html><head><style>{{{responsive_css}}}</style></head><body></body></html>"
                    )
                ]))
        let output = try HTMLEmailWriter().write(Document(meta: Meta(), blocks: []), in: context)
        guard case .text(let html) = output else { return }
        #expect(
            html.contains(
                "<style>@media (max-width: 600px) { .a { color: red !important; } }</style>"))
    }

    /// A year's appendix is hundreds of links: what every client gives a link unstyled stays
    /// out of each `style` attribute (the `<style>` block keeps it), and anything else does not.
    @Test func clientDefaultsStayInTheStyleBlockNotOnEveryLink() throws {
        let css =
            "a { color: #1a55c4; text-decoration: underline } .plain a { text-decoration: none }"
        let body =
            "<p><a href=\"https://a.example\">a</a></p><div class=\"plain\"><a href=\"https://b.example\">b</a></div><a id=\"anchor\">c</a><a href=\"https://c.example\" style=\"text-decoration: underline\">d</a>"
        let links = try inlined(css: css, body: body).filter { $0.name == "a" }
            .map { $0[attribute: "style"] ?? "" }
        #expect(
            links == [
                "color: #1a55c4",  // underline is the default of a link
                "color: #1a55c4; text-decoration: none",  // not the default: inlined
                "color: #1a55c4; text-decoration: underline",  // no href: not a link
                "color: #1a55c4; text-decoration: underline",  // the author's own style stays
            ])
        let context = WriteContext(
            theme: Theme(
                name: "t", stylesheets: [css],
                templates: [
                    try ThemeTemplate(
                        name: "html-email", path: "t",
                        text:
                            "<html><head><style>{{{responsive_css}}}</style></head><body></body></html>"
                    )
                ]))
        let output = try HTMLEmailWriter().write(Document(meta: Meta(), blocks: []), in: context)
        guard case .text(let html) = output else { return }
        #expect(html.contains("<style>a { text-decoration: underline; }</style>"), "\(html)")
    }
    /// Fuzz finding (issue 15, `fuzz-string-with-semicolon-in-a-theme-declaration.css`): a
    /// `}` or `;` inside a quoted string neither closes the rule nor ends the declaration, as
    /// CSS reads it, and what is left open or is not a property is dropped rather than
    /// written into a `style` that would read back as other declarations.
    @Test func stringsInAStylesheetAreOneValue() throws {
        let css = #"p { content: "}p{"; font-family: 'a;b', serif } em { color: red }"#
        let elements = try inlined(css: css, body: "<p>a <em>b</em></p>")
        let styles = elements.filter { $0.name == "p" || $0.name == "em" }
            .map { $0[attribute: "style"] ?? "" }
        #expect(styles == [#"content: "}p{"; font-family: 'a;b', serif"#, "color: red"])
    }

    @Test(arguments: [
        (#"p{n:"}p{";:r}"#, #"n: "}p{""#),
        (#"p { n: "open; color: red }"#, ""),
        (#"p { "n": x; color: red }"#, "color: red"),
        (#"p { 1n: x; -2n: y; color: red; --v: (a }"#, "color: red"),
        (#"p { a: "x\"; color: red }"#, ""),
        (#"p { a: "x\"y"; b: url(a;b) }"#, #"a: "x\"y"; b: url(a;b)"#),
    ])
    func aDeclarationLeftOpenOrNamelessIsDropped(_ css: String, _ style: String) throws {
        let elements = try inlined(css: css, body: "<p>a</p>")
        #expect(elements.first { $0.name == "p" }?[attribute: "style"] ?? "" == style)
    }

    @Test func anOwnStyleReadsItsStringsWhole() {
        let declarations = CSSStylesheet.declarations(in: #"content: "a;b:c"; color: red"#)
        #expect(declarations.map(\.property) == ["content", "color"])
        #expect(declarations.first?.value == #""a;b:c""#)
    }
}
