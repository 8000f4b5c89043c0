extension String {
    /// True when the text holds the bytes of `needle`; with `ignoringASCIICase`, ASCII letters
    /// of the text match in either case (`needle` is then lowercase). A byte search for the
    /// hot paths (issue 14): `contains` on a String walks Characters, or resolves to
    /// Foundation's Unicode-aware NSString search where a module imports Foundation.
    public func containsBytes(_ needle: StaticString, ignoringASCIICase: Bool = false) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        var text = self
        return text.withUTF8 { bytes in
            guard !pattern.isEmpty else { return true }
            guard bytes.count >= pattern.count else { return false }
            for i in 0...(bytes.count - pattern.count) {
                var k = 0
                while k < pattern.count {
                    let b = bytes[i + k]
                    let folded = ignoringASCIICase && b >= 65 && b <= 90 ? b + 32 : b
                    if folded != pattern[k] { break }
                    k += 1
                }
                if k == pattern.count { return true }
            }
            return false
        }
    }
}
