/// Where the lines of a text start, as CommonMark counts them: a line ends at LF, at CR LF, or
/// at a CR alone (§2.1). cmark-gfm's line numbers count lone CRs, so every position that is
/// turned back into a byte offset must count them too.
public enum LineStarts {
    /// The byte offset of each line's first byte: 0, then the byte after each line ending.
    /// `includingEnd` false leaves out a start at `bytes.count` (a final line ending opens no
    /// line).
    public static func of(_ bytes: [UInt8], includingEnd: Bool = true) -> [Int] {
        var starts = [0]
        var i = 0
        let count = bytes.count
        while i < count {
            let b = bytes[i]
            if b == 10 || (b == 13 && (i + 1 == count || bytes[i + 1] != 10)) {
                if includingEnd || i + 1 < count { starts.append(i + 1) }
            }
            i += 1
        }
        return starts
    }
}

extension [Int] {
    /// For line starts (ascending, the first 0, as ``LineStarts/of(_:includingEnd:)`` gives):
    /// the 1-based line holding byte `offset`, the last that starts at or before it.
    public func lineNumber(ofOffset offset: Int) -> Int {
        var low = 0
        var high = count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if self[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }
}
