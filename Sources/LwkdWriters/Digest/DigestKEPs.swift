import LwkdModel

/// Finds the KEPs (Kubernetes Enhancement Proposals) a text or link mentions, by number.
///
/// A link names a KEP by its folder (`…/keps/sig-node/2008-forensic-container-checkpointing`)
/// or its tracking issue (`…/kubernetes/enhancements/issues/2008`); text names one as
/// `KEP-2008`, `KEP 2008` or `KEP2008`. Text such as `enhancements#3392` is not taken as a KEP:
/// in the posts it names a pull request of the enhancements repository, whose number is not
/// the KEP's (`enhancements#3392: KEP-3104: Introduce kuberc`).
enum DigestKEPs {
    /// The KEP number a link destination names, if any.
    static func number(inDestination url: String) -> Int? {
        // Most links name no KEP: an ASCII one that holds neither pattern, in any case, is
        // answered without lowercasing it (issue 14).
        if url.utf8.allSatisfy({ $0 < 0x80 }),
            !url.containsBytes("/keps/", ignoringASCIICase: true),
            !url.containsBytes("kubernetes/enhancements/issues/", ignoringASCIICase: true)
        {
            return nil
        }
        let lower = url.lowercased()[...]
        if let range = find("/keps/", in: lower) {
            var rest = lower[range.upperBound...]
            if rest.hasPrefix("sig-"), let slash = rest.firstIndex(of: "/") {
                rest = rest[rest.index(after: slash)...]
            }
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            let after = rest.dropFirst(digits.count).first
            if !digits.isEmpty, digits.count <= 5, after.map { "-./#".contains($0) } ?? true {
                return Int(digits)
            }
        }
        if let range = find("kubernetes/enhancements/issues/", in: lower) {
            let digits = lower[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, digits.count <= 5 { return Int(digits) }
        }
        return nil
    }

    /// Where the ASCII `needle` first occurs in `text`, found by bytes: the generic
    /// `firstRange(of:)` walks Characters, and this runs for every link and heading of a year.
    /// (The generic `utf8.firstRange(of:)` is no substitute: it made the 2022 book take 1,067 M
    /// instructions against 584 M with this loop.)
    static func find(_ needle: StaticString, in text: Substring) -> Range<String.Index>? {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard let first = pattern.first else { return nil }
        let bytes = text.utf8
        var start = bytes.startIndex
        while let at = bytes[start...].firstIndex(of: first) {
            var end = at
            var matched = 0
            while matched < pattern.count, end < bytes.endIndex, bytes[end] == pattern[matched] {
                bytes.formIndex(after: &end)
                matched += 1
            }
            if matched == pattern.count { return at..<end }
            start = bytes.index(after: at)
        }
        return nil
    }

    /// The KEP numbers a text names (`KEP-1234`, `KEP 1234`, `KEP1234`), with the text
    /// before and after each (for a heading's title).
    static func mentions(inText text: String) -> [(number: Int, before: Substring, rest: Substring)]
    {
        var out: [(number: Int, before: Substring, rest: Substring)] = []
        var rest = Substring(text)
        while let range = find("KEP", in: rest) {
            let before = rest[..<range.lowerBound].last
            var after = rest[range.upperBound...]
            rest = after
            if let before, before.isLetter || before.isNumber { continue }
            if after.first == "-" || after.first == " " { after = after.dropFirst() }
            let digits = after.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 5, let number = Int(digits) else { continue }
            let tail = after.dropFirst(digits.count)
            if let next = tail.first, next.isLetter || next.isNumber { continue }
            out.append((number, text[..<range.lowerBound], tail))
            rest = tail
        }
        return out
    }

    /// The title a heading gives the KEP it names first: the text after the number
    /// (`KEP-3104: Introduce kuberc`), else the text before it without a leading pull request
    /// (`#111090: Add support for user namespaces phase 1 (KEP 127)`).
    static func title(inHeading text: String) -> (number: Int, title: String)? {
        guard let first = mentions(inText: text).first else { return nil }
        func trimmed(_ text: Substring) -> Substring {
            let edge: Set<Character> = [" ", ":", "-", "–", "(", ")", "[", "]", "."]
            guard let start = text.firstIndex(where: { !edge.contains($0) }),
                let end = text.lastIndex(where: { !edge.contains($0) })
            else { return "" }
            return text[start...end]
        }
        let after = trimmed(first.rest)
        if after.contains(where: \.isLetter) { return (first.number, String(after)) }
        var before = trimmed(first.before)
        if let colon = before.firstIndex(of: ":"), before[..<colon].contains("#") {
            before = trimmed(before[before.index(after: colon)...])
        }
        return before.contains(where: \.isLetter) ? (first.number, String(before)) : nil
    }

    /// `KEP-0019`: the number with at least four digits, as the enhancements repository
    /// names them.
    static func label(_ number: Int) -> String {
        let digits = String(number)
        return "KEP-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
