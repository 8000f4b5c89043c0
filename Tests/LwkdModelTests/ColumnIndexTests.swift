import LwkdModel
import Testing

/// `ColumnIndex` answers what counting scalars byte by byte answers, in ASCII blocks (its fast
/// path), in blocks with multi-byte scalars, and across block boundaries.
@Suite struct ColumnIndexTests {
    /// Scalars starting before `offset`, counted one byte at a time.
    static func naiveScalars(before offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<min(max(0, offset), bytes.count)].filter { $0 & 0xC0 != 0x80 }.count
    }

    /// The byte in `range` where scalar `target` starts, else the range's end.
    static func naiveOffset(ofScalar target: Int, in range: Range<Int>, of bytes: [UInt8]) -> Int {
        var count = naiveScalars(before: range.lowerBound, in: bytes)
        for i in range where bytes[i] & 0xC0 != 0x80 {
            if count == target { return i }
            count += 1
        }
        return range.upperBound
    }

    /// Texts of ASCII runs (whole 256-byte blocks of it) and runs with 2-, 3- and 4-byte
    /// scalars, of lengths around the block size.
    static func texts() -> [[UInt8]] {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "bc d", "é", "→", "😀", "\n", String(repeating: "x", count: 256)]
        var texts: [[UInt8]] = [[], Array("a".utf8), Array(String(repeating: "a", count: 512).utf8)]
        for length in [1, 7, 60, 255, 256, 257, 600] {
            for _ in 0..<4 {
                var text = ""
                while text.utf8.count < length { text += pieces.randomElement(using: &generator)! }
                texts.append(Array(text.utf8))
            }
        }
        return texts
    }

    @Test func scalarsBeforeEveryOffsetMatchCounting() {
        for bytes in Self.texts() {
            let index = ColumnIndex(bytes)
            for offset in -1...(bytes.count + 1) {
                #expect(
                    index.scalars(before: offset, in: bytes)
                        == Self.naiveScalars(before: offset, in: bytes),
                    "offset \(offset) of \(bytes.count) bytes")
            }
        }
    }

    @Test func scalarsInARangeMatchCounting() {
        for bytes in Self.texts() {
            for low in Set([0, 1, 255, 256, bytes.count / 2, bytes.count]) where low <= bytes.count {
                for high in Set([low, low + 1, low + 300, bytes.count]) where high <= bytes.count {
                    #expect(
                        ColumnIndex.scalars(in: bytes, low..<high)
                            == Self.naiveScalars(before: high, in: bytes)
                            - Self.naiveScalars(before: low, in: bytes))
                }
            }
        }
    }

    @Test func offsetOfScalarMatchesCounting() {
        for bytes in Self.texts() where !bytes.isEmpty {
            let index = ColumnIndex(bytes)
            let total = Self.naiveScalars(before: bytes.count, in: bytes)
            let bounds = Array(Set([0, 1, 200, 255, 256, 257, 300, bytes.count / 2, bytes.count]))
                .filter { $0 <= bytes.count }.sorted()
            for (i, low) in bounds.enumerated() {
                for high in bounds[i...] where high > low {
                    // Every scalar near the range's ends and the block edges, and a spread.
                    var targets = Set(stride(from: 0, through: total + 1, by: max(1, total / 40)))
                    for edge in [low, high, 256, 512] {
                        let n = Self.naiveScalars(before: edge, in: bytes)
                        targets.formUnion((n - 2)...(n + 2))
                    }
                    for target in targets.sorted() where target >= 0 {
                        #expect(
                            index.offset(ofScalar: target, in: low..<high, of: bytes)
                                == Self.naiveOffset(ofScalar: target, in: low..<high, of: bytes),
                            "scalar \(target) in \(low)..<\(high) of \(bytes.count) bytes")
                    }
                }
            }
        }
    }
}
