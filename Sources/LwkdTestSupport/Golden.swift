import Foundation

/// Golden-file comparison: `LWKD_UPDATE_GOLDEN=1` rewrites the expected file, and a rewritten or
/// missing golden is reported as a failure so CI never passes on a baseline it just wrote.
public enum Golden {
    /// Nil when `actual` equals the file's contents; otherwise a message with a unified-style
    /// diff of the first differences (after writing the file when updating or missing).
    public static func mismatch(_ actual: String, expectedAt url: URL) -> String? {
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if expected == actual { return nil }
        let shouldUpdate = ProcessInfo.processInfo.environment["LWKD_UPDATE_GOLDEN"] == "1"
        if expected == nil || shouldUpdate {
            try? FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
                "\(url.lastPathComponent): golden \(expected == nil ? "was missing" : "rewritten"); run again"
        }
        return "\(url.lastPathComponent) differs:\n" + diff(expected ?? "", actual)
    }

    /// The differing region of two texts, as `-expected`/`+actual` lines with context.
    public static func diff(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var start = 0
        while start < a.count, start < b.count, a[start] == b[start] { start += 1 }
        var endA = a.count
        var endB = b.count
        while endA > start, endB > start, a[endA - 1] == b[endB - 1] {
            endA -= 1
            endB -= 1
        }
        var out = "@@ -\(start + 1),\(endA - start) +\(start + 1),\(endB - start) @@\n"
        for line in a[max(0, start - 2)..<start] { out += " \(line)\n" }
        for line in a[start..<endA].prefix(40) { out += "-\(line)\n" }
        for line in b[start..<endB].prefix(40) { out += "+\(line)\n" }
        return out
    }
}
