/// The image limits of Kindle's "Send to Kindle", beyond which a book is rejected (E999).
///
/// At most 5 MB a file and 4000 pixels a side; sizes are read from the image's header.
enum EPUBImageLimits {
    /// 5 MB.
    static let maxBytes = 5 * 1024 * 1024
    /// 4000 pixels, wide or high.
    static let maxSide = 4000

    /// Why the image is too large for Kindle, or nil when it is within the limits.
    static func problem(_ bytes: [UInt8]) -> String? {
        if bytes.count > maxBytes {
            let mb = Double(bytes.count) / 1_048_576
            return "is \((mb * 10).rounded() / 10) MB, over Kindle's 5 MB limit for an image"
        }
        if let (width, height) = size(of: bytes), max(width, height) > maxSide {
            return "is \(width)×\(height) px, over Kindle's limit of 4000 px a side"
        }
        return nil
    }

    /// Width and height from a PNG, GIF, JPEG or WebP header; nil for other formats (SVG has
    /// no pixel size) or a header too short to tell.
    static func size(of b: [UInt8]) -> (Int, Int)? {
        func be(_ i: Int, _ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            return b[i..<(i + n)].reduce(0) { $0 << 8 | Int($1) }
        }
        func le(_ i: Int, _ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            return b[i..<(i + n)].reversed().reduce(0) { $0 << 8 | Int($1) }
        }
        switch EPUBImages.sniff(b)?.0 {
        case "image/png":
            // IHDR is the first chunk: width and height at bytes 16 and 20.
            guard let w = be(16, 4), let h = be(20, 4) else { return nil }
            return (w, h)
        case "image/gif":
            guard let w = le(6, 2), let h = le(8, 2) else { return nil }
            return (w, h)
        case "image/jpeg":
            // Walk the markers to the first start-of-frame (SOF0–SOF15 but DHT, JPG, DAC).
            var i = 2
            while i + 9 < b.count, b[i] == 0xFF {
                let marker = b[i + 1]
                if marker == 0xFF { i += 1; continue }
                guard let length = be(i + 2, 2) else { return nil }
                if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                    guard let h = be(i + 5, 2), let w = be(i + 7, 2) else { return nil }
                    return (w, h)
                }
                i += 2 + length
            }
            return nil
        case "image/webp":
            guard b.count >= 30 else { return nil }
            let chunk = String(decoding: b[12..<16], as: UTF8.self)
            switch chunk {
            case "VP8X":
                guard let w = le(24, 3), let h = le(27, 3) else { return nil }
                return (w + 1, h + 1)
            case "VP8L":
                guard let bits = le(21, 4) else { return nil }
                return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
            case "VP8 ":
                guard let w = le(26, 2), let h = le(28, 2) else { return nil }
                return (w & 0x3FFF, h & 0x3FFF)
            default: return nil
            }
        default:
            return nil
        }
    }
}
