/// Character (Unicode scalar) counts at byte offsets of a UTF-8 text, in constant time per
/// question however long a line is: a count is kept every 256 bytes, and at most 255 bytes are
/// scanned after it. Readers and `check` turn byte positions into columns with it.
public struct ColumnIndex: Sendable {
    private static let stride = 256
    /// The scalars before each multiple of ``stride``.
    private let checkpoints: [Int]

    /// Indexes `bytes`.
    public init(_ bytes: [UInt8]) {
        var checkpoints: [Int] = []
        checkpoints.reserveCapacity(bytes.count / Self.stride + 2)
        var count = 0
        var start = 0
        while start < bytes.count {
            checkpoints.append(count)
            let end = min(start + Self.stride, bytes.count)
            count += Self.scalars(in: bytes, start..<end)
            start = end
        }
        if bytes.count % Self.stride == 0 { checkpoints.append(count) }
        self.checkpoints = checkpoints
    }

    /// The scalars that start in `range` of `bytes` (its lead bytes): the range's length less
    /// its continuation bytes (10xxxxxx), counted eight bytes at a time.
    public static func scalars(in bytes: [UInt8], _ range: Range<Int>) -> Int {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "range outside bytes")
        return bytes.withUnsafeBytes { raw in
            let high: UInt64 = 0x8080_8080_8080_8080
            var continuation = 0
            var i = range.lowerBound
            while i + 8 <= range.upperBound {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // Bit 7 set and bit 6 clear, in every byte at once.
                continuation &+= (word & ~(word << 1) & high).nonzeroBitCount
                i += 8
            }
            while i < range.upperBound {
                if raw[i] & 0xC0 == 0x80 { continuation &+= 1 }
                i += 1
            }
            return range.count - continuation
        }
    }

    /// The scalars that start before byte `offset` of `bytes` (the text indexed).
    public func scalars(before offset: Int, in bytes: [UInt8]) -> Int {
        let offset = min(max(0, offset), bytes.count)
        let block = min(offset / Self.stride, checkpoints.count - 1)
        let start = block * Self.stride
        // A block without continuation bytes (ASCII text) has a scalar at every byte.
        if block + 1 < checkpoints.count, checkpoints[block + 1] - checkpoints[block] == Self.stride {
            return checkpoints[block] + (offset - start)
        }
        return checkpoints[block] + Self.scalars(in: bytes, start..<max(start, offset))
    }

    /// The byte offset in `range` where scalar number `target` (counted from the start of the
    /// text) starts; the range's end when it holds fewer.
    public func offset(ofScalar target: Int, in range: Range<Int>, of bytes: [UInt8]) -> Int {
        guard !range.isEmpty else { return range.lowerBound }
        // The last checkpoint in the range at or before the target.
        var low = range.lowerBound / Self.stride
        var high = min((range.upperBound - 1) / Self.stride, checkpoints.count - 1)
        while low < high {
            let mid = (low + high + 1) / 2
            if checkpoints[mid] <= target { low = mid } else { high = mid - 1 }
        }
        let first = max(range.lowerBound, low * Self.stride)
        var count = scalars(before: first, in: bytes)
        // Within a block without continuation bytes, scalar n is byte n.
        let block = first / Self.stride
        if block + 1 < checkpoints.count, checkpoints[block + 1] - checkpoints[block] == Self.stride,
            target >= count
        {
            let end = min(range.upperBound, (block + 1) * Self.stride)
            if first + (target - count) < end { return first + (target - count) }
        }
        return bytes.withUnsafeBufferPointer { buffer in
            for i in first..<range.upperBound where buffer[i] & 0xC0 != 0x80 {
                if count == target { return i }
                count += 1
            }
            return range.upperBound
        }
    }
}
