import Foundation
import LwkdXML
import Testing

/// SVG embedded in a book: scripts, handlers, outside references and the DOCTYPE go first
/// (issue 15, item 9).
@Suite struct SVGSanitizerTests {
    static let hostile = """
        <?xml version="1.0"?>
        <?xml-stylesheet href="https://evil.example/s.css"?>
        <!DOCTYPE svg [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" width="10" height="10">
          <script>alert(2)</script>
          <style>@import url(https://evil.example/x.css);</style>
          <circle id="c" cx="5" cy="5" r="4" fill="red" onclick="alert(3)" style="fill:url(https://evil.example/p)"/>
          <a xlink:href="javascript:alert(4)"><text>&xxe;</text></a>
          <a href="https://evil.example/">x</a>
          <use href="#c"/>
          <image href="https://evil.example/track.png"/>
          <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>
          <set attributeName="href" to="javascript:alert(5)"/>
          <animate attributeName="opacity" from="0" to="1"/>
        </svg>
        """

    @Test func removesEveryActiveOrOutsidePart() throws {
        let result = try #require(SVGSanitizer.sanitize(Array(Self.hostile.utf8)))
        let svg = String(decoding: result.bytes, as: UTF8.self)
        let lower = svg.lowercased()
        for needle in [
            "<!doctype", "<!entity", "xxe", "passwd", "<script", "onload", "onclick", "javascript:",
            "evil.example", "foreignobject", "<style", "xml-stylesheet", "<set",
        ] {
            #expect(!lower.contains(needle), "'\(needle)' in \(svg)")
        }
        // What is harmless stays: the shapes, a reference to the image itself, animations.
        #expect(svg.contains("<circle id=\"c\" cx=\"5\" cy=\"5\" r=\"4\" fill=\"red\"/>"))
        #expect(svg.contains("<use href=\"#c\"/>"))
        #expect(svg.contains("<animate attributeName=\"opacity\""))
        #expect(XMLCheck.problems(in: svg).isEmpty)
        for what in [
            "its DOCTYPE", "a processing instruction", "<script>", "<style>", "<foreignObject>",
            "an animation of href", "event handler onload", "event handler onclick",
            "an outside url(…)", "a reference to 'javascript:alert(4)'",
        ] {
            #expect(result.removed.contains(what), "\(what) not in \(result.removed)")
        }
        #expect(result.removed.contains("its DOCTYPE"))
        #expect(result.removed.contains("event handler onload"))
    }

    @Test func aCleanImageIsKeptAsItIs() throws {
        let clean = #"<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"><rect width="2" height="2"/></svg>"#
        let result = try #require(SVGSanitizer.sanitize(Array(clean.utf8)))
        #expect(result.removed.isEmpty)
        #expect(String(decoding: result.bytes, as: UTF8.self).contains(clean))
    }

    @Test(arguments: [
        "<svg><unclosed></svg>", "<html><svg/></html>", "not xml at all", "",
    ])
    func anythingButWellFormedSVGIsRefused(_ text: String) {
        #expect(SVGSanitizer.sanitize(Array(text.utf8)) == nil)
    }

    @Test func anEntityBombInTheDoctypeIsHarmless() throws {
        var dtd = "<!ENTITY a \"lol\">"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i", "j"] {
            dtd += "<!ENTITY \(name) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
            previous = name
        }
        let svg = "<!DOCTYPE svg [\(dtd)]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&j;</text></svg>"
        let clock = ContinuousClock()
        var result: SVGSanitizer.Result?
        let elapsed = clock.measure { result = SVGSanitizer.sanitize(Array(svg.utf8)) }
        #expect(elapsed < .seconds(1))
        if let result {
            #expect(result.bytes.count < 10_000)
            #expect(!String(decoding: result.bytes, as: UTF8.self).contains("lol"))
        }
    }
}
