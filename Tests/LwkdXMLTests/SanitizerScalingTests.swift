import Foundation
import LwkdXML
import Testing

/// The raw-HTML sanitiser is linear in its input (issue 15, item 8): 50,000 attributes on one
/// tag took 10.5 s, 100,000 took 17 s.
@Suite struct SanitizerScalingTests {
    static func tag(attributes count: Int) -> String {
        var html = "<span"
        html.reserveCapacity(count * 12)
        for i in 0..<count { html += " a\(i)=\"x\"" }
        return html + ">text</span>"
    }

    static func seconds(_ body: () -> Void) -> Double {
        let elapsed = ContinuousClock().measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    @Test func fiftyThousandAttributesTakeLinearTime() {
        let sanitizer = HTMLSanitizer(flavor: .xhtml)
        let small = Self.tag(attributes: 5_000)
        let large = Self.tag(attributes: 50_000)
        var result: HTMLSanitizer.Result?
        let t1 = Self.seconds { result = sanitizer.sanitize(small, isBlock: true) }
        #expect(result?.html == "<span>text</span>")
        let t2 = Self.seconds { result = sanitizer.sanitize(large, isBlock: true) }
        #expect(result?.html == "<span>text</span>")
        print("sanitiser: 5,000 attributes \(t1) s, 50,000 attributes \(t2) s")
        // Ten times the input, at most twenty times the time (quadratic would be a hundred).
        #expect(t2 < max(t1 * 20, 0.05), "5,000: \(t1) s, 50,000: \(t2) s")
        #expect(t2 < 1.0)
        #expect(
            result?.removals.first?.what == "49744 attributes beyond the first 256 on <span>")
    }

    @Test func quotedValuesAndCommentsAreTokenisedAsHTMLDoes() {
        let sanitizer = HTMLSanitizer(flavor: .html)
        // A quoted '>' and white space inside values do not end the tag or the value.
        var many = "<!-- <span a b c> --><a href=\"https://lwkd.info/\" title=\"a > b\""
        for i in 0..<300 { many += " data-x\(i)='1 2'" }
        many += " onclick=\"alert(1)\">link</a> after"
        let result = sanitizer.sanitize(many, isBlock: true)
        #expect(result.html == "<a href=\"https://lwkd.info/\" title=\"a &gt; b\">link</a> after")
        #expect(result.removals.first?.what == "47 attributes beyond the first 256 on <a>")
        // A tag within the limit is untouched.
        let few = "<span title=\"x\" class=\"y\">z</span>" + String(repeating: " ", count: 400)
        #expect(sanitizer.sanitize(few, isBlock: true).removals.isEmpty)
    }
}
