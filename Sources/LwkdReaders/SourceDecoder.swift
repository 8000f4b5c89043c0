import LwkdModel

/// Checks raw bytes before any reader sees them: binary data and invalid UTF-8 are refused
/// with the line of the first bad byte.
public enum SourceDecoder {
    /// Decodes `bytes` as UTF-8 text, dropping a leading byte-order mark.
    public static func decode(_ bytes: [UInt8], path: String) throws(ReadError) -> String {
        if bytes.contains(0) { throw .binary(path: path) }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) { return text }
        throw .invalidUTF8(path: path, line: firstInvalidLine(body))
    }

    private static func firstInvalidLine(_ bytes: ArraySlice<UInt8>) -> Int {
        var line = 1
        var lineStart = bytes.startIndex
        for i in bytes.indices where bytes[i] == 10 || i == bytes.endIndex - 1 {
            let end = bytes[i] == 10 ? i : i + 1
            if String(validating: bytes[lineStart..<end], as: UTF8.self) == nil { return line }
            line += 1
            lineStart = i + 1
        }
        return line
    }
}
