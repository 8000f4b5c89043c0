import Foundation

/// Golden-file comparison. `LWKD_UPDATE_GOLDEN=1` rewrites the file; a rewritten or missing
/// golden still fails, so CI never passes on a baseline it just wrote.
public enum Golden {
    /// Compares `actual` with the file at `url`; returns nil when equal, else a failure message
    /// with a unified-style diff.
    public static func check(_ actual: String, against url: URL) -> String? {
        let update = ProcessInfo.processInfo.environment["LWKD_UPDATE_GOLDEN"] == "1"
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if expected == actual { return nil }
        if update {
            try? FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
                "golden \(url.lastPathComponent) rewritten; review the diff and run the tests again"
        }
        guard let expected else { return "golden \(url.path) is missing; run `make golden`" }
        return "output differs from \(url.lastPathComponent):\n" + diff(expected, actual)
    }

    /// A minimal line diff: the first differing region with a little context.
    public static func diff(_ a: String, _ b: String) -> String {
        let x = a.components(separatedBy: "\n")
        let y = b.components(separatedBy: "\n")
        var start = 0
        while start < x.count, start < y.count, x[start] == y[start] { start += 1 }
        var endX = x.count
        var endY = y.count
        while endX > start, endY > start, x[endX - 1] == y[endY - 1] {
            endX -= 1
            endY -= 1
        }
        var out = "@@ line \(start + 1) @@\n"
        for line in x[max(0, start - 2)..<start] { out += "  \(line)\n" }
        for line in x[start..<min(endX, start + 40)] { out += "- \(line)\n" }
        for line in y[start..<min(endY, start + 40)] { out += "+ \(line)\n" }
        return out
    }
}
