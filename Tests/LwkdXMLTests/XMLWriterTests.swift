import Testing

@testable import LwkdXML

@Suite struct XMLWriterTests {
    /// Writes `<root a="attribute">text</root>` without indentation.
    private func document(text: String, attribute: String = "") throws -> (String, [Unicode.Scalar])
    {
        let xml = XMLWriter(indent: false)
        xml.startElement("root")
        xml.attribute("a", attribute)
        xml.text(text)
        xml.endElement()
        return (try xml.finish(), xml.removedCharacters)
    }

    @Test func escapesEveryXMLSpecialCharacterInText() throws {
        let (out, removed) = try document(text: "a < b && c > d \"q\" 'a' ]]> end")
        #expect(
            out == """
                <?xml version="1.0" encoding="UTF-8"?>
                <root a="">a &lt; b &amp;&amp; c &gt; d &quot;q&quot; 'a' ]]&gt; end</root>

                """)
        #expect(removed.isEmpty)
        #expect(XMLCheck.problems(in: out).isEmpty)
    }

    @Test func escapesEveryXMLSpecialCharacterInAttributes() throws {
        let (out, _) = try document(text: "", attribute: "<&>\"' tab\tline\ncr\r")
        #expect(out.contains(#"a="&lt;&amp;&gt;&quot;' tab&#9;line&#10;cr&#13;""#))
        #expect(XMLCheck.problems(in: out).isEmpty)
    }

    @Test func keepsNonASCIITextAsUTF8() throws {
        let (out, _) = try document(text: "Café — 日本語 😀 \u{85}")
        #expect(out.contains(">Café — 日本語 😀 \u{85}</root>"))
        #expect(XMLCheck.problems(in: out).isEmpty)
    }

    /// XML 1.0 §2.2 allows only tab, LF and CR below U+0020.
    @Test(arguments: (0..<0x20).filter { $0 != 0x9 && $0 != 0xA && $0 != 0xD })
    func removesForbiddenControlCharacter(_ value: UInt32) throws {
        let c = try #require(Unicode.Scalar(value))
        let (out, removed) = try document(text: "a\(Character(c))b", attribute: "x\(Character(c))y")
        #expect(removed == [c, c])
        #expect(out.contains(#"<root a="xy">ab</root>"#))
        #expect(XMLCheck.problems(in: out).isEmpty)
    }

    @Test func removesNonCharactersFFFEAndFFFF() throws {
        let (out, removed) = try document(text: "a\u{FFFE}b\u{FFFF}c\u{FFFD}")
        #expect(removed == ["\u{FFFE}", "\u{FFFF}"])
        #expect(out.contains(">abc\u{FFFD}</root>"))
        #expect(XMLCheck.problems(in: out).isEmpty)
    }

    /// Lone surrogates cannot reach a Swift string: decoding replaces them with U+FFFD, which
    /// XML allows, so the document stays well-formed.
    @Test func invalidSurrogatesBecomeReplacementCharacters() throws {
        let fromUTF8 = String(decoding: [0x61, 0xED, 0xA0, 0x80, 0x62] as [UInt8], as: UTF8.self)
        let fromUTF16 = String(decoding: [0x63, 0xDC00, 0x64] as [UInt16], as: UTF16.self)
        let (out, removed) = try document(text: fromUTF8 + fromUTF16, attribute: fromUTF16)
        #expect(removed.isEmpty)
        #expect(!out.unicodeScalars.contains { (0xD800...0xDFFF).contains($0.value) })
        #expect(out.contains("\u{FFFD}"))
        #expect(XMLCheck.problems(in: out).isEmpty)
    }

    @Test func indentsNestedElementsAndKeepsTextInline() throws {
        let xml = XMLWriter()
        xml.startElement("feed")
        xml.attribute("xml:lang", "en")
        xml.element("id", text: "x")
        xml.emptyElement("link", ["href": "h", "rel": "self"])
        xml.endElement()
        #expect(
            try xml.finish() == """
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xml:lang="en">
                  <id>x</id>
                  <link href="h" rel="self"/>
                </feed>

                """)
    }

    @Test func sameCallsGiveSameBytes() throws {
        #expect(try document(text: "x & y").0 == document(text: "x & y").0)
    }

    @Test func refusesUnclosedElements() {
        let xml = XMLWriter()
        xml.startElement("a")
        #expect(throws: XMLWriteError.unbalanced("<a> is still open")) { try xml.finish() }
    }

    @Test func refusesExtraEndElement() {
        let xml = XMLWriter()
        xml.startElement("a")
        xml.endElement()
        xml.endElement()
        #expect(throws: XMLWriteError.self) { try xml.finish() }
    }

    @Test(arguments: ["", "1a", "a b", "a<b", "é"])
    func refusesInvalidNames(_ name: String) {
        let xml = XMLWriter()
        xml.startElement(name)
        #expect(throws: XMLWriteError.invalidName(name)) { try xml.finish() }
    }

    @Test func refusesAttributeAfterContent() {
        let xml = XMLWriter()
        xml.startElement("a")
        xml.text("t")
        xml.attribute("b", "c")
        xml.endElement()
        #expect(throws: XMLWriteError.self) { try xml.finish() }
    }

    @Test func cleanTextIsReturnedUnchanged() {
        let text = "plain text, tabs\tand\nlines\r and 😀"
        let (clean, removed) = XMLCharacters.removingForbidden(from: text)
        #expect(clean == text)
        #expect(removed.isEmpty)
    }
}
