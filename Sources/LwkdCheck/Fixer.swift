/// Applies the mechanical repairs findings carry.
public enum Fixer {
    /// Applies every fix that does not overlap an earlier one; the rest wait for another pass.
    public static func apply(_ findings: [Finding], to bytes: [UInt8]) -> (
        bytes: [UInt8], applied: [Finding]
    ) {
        let fixes = findings.filter { $0.fix != nil }.sorted {
            ($0.fix!.start, $0.fix!.end) < ($1.fix!.start, $1.fix!.end)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var applied: [Finding] = []
        var at = 0
        for finding in fixes {
            let fix = finding.fix!
            guard fix.start >= at, fix.end >= fix.start, fix.end <= bytes.count else { continue }
            out += bytes[at..<fix.start]
            out += Array(fix.replacement.utf8)
            at = fix.end
            applied.append(finding)
        }
        out += bytes[at...]
        return (out, applied)
    }

    /// Fixes until nothing fixable is left (a removed section can leave blank lines to fold),
    /// at most `passes` times; `check` finds the fixable findings of a text.
    public static func fixAll(
        _ bytes: [UInt8], passes: Int = 8, check: ([UInt8]) throws -> [Finding]
    ) rethrows -> (bytes: [UInt8], applied: [Finding]) {
        var current = bytes
        var applied: [Finding] = []
        for _ in 0..<passes {
            let (next, done) = apply(try check(current), to: current)
            if done.isEmpty || next == current { break }
            applied += done
            current = next
        }
        return (current, applied)
    }
}

/// A unified diff of two texts by lines (Myers' algorithm), as `diff -u` prints it.
public enum UnifiedDiff {
    /// The diff of `old` against `new`, labelled `a/path` and `b/path`; empty when equal.
    public static func diff(_ old: [UInt8], _ new: [UInt8], path: String, context: Int = 3)
        -> String
    {
        let a = lines(old)
        let b = lines(new)
        let script = edits(a, b)
        guard script.contains(where: { $0.kind != " " }) else { return "" }
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        var k = 0
        while k < script.count {
            guard let change = script[k...].firstIndex(where: { $0.kind != " " }) else { break }
            let start = max(k, change - context)
            var end = change
            var lastChange = change
            while end < script.count {
                if script[end].kind != " " { lastChange = end }
                if end - lastChange > 2 * context { break }
                end += 1
            }
            end = min(script.count, lastChange + context + 1)
            let hunk = script[start..<end]
            let oldStart = hunk.first!.oldLine
            let newStart = hunk.first!.newLine
            let oldCount = hunk.filter { $0.kind != "+" }.count
            let newCount = hunk.filter { $0.kind != "-" }.count
            out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for edit in hunk {
                out += String(edit.kind) + edit.text
                if !edit.text.hasSuffix("\n") { out += "\n\\ No newline at end of file\n" }
            }
            k = end
        }
        return out
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(count == 0 ? start - 1 : start),\(count)"
    }

    private struct Edit {
        var kind: Character
        var text: String
        var oldLine: Int
        var newLine: Int
    }

    private static func lines(_ bytes: [UInt8]) -> [String] {
        var out: [String] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 10 {
            out.append(String(decoding: bytes[start...i], as: UTF8.self))
            start = i + 1
        }
        if start < bytes.count { out.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return out
    }

    /// The shortest edit script, each line kept (` `), removed (`-`) or added (`+`).
    private static func edits(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count
        let m = b.count
        let max = n + m
        var v = [Int](repeating: 0, count: 2 * max + 2)
        var trace: [[Int]] = []
        var found = false
        for d in 0...max {
            // Frontiers cost memory in the square of the changes: past a bound, one hunk.
            if (trace.count + 1) * v.count > 20_000_000 { return replaceAll(a, b) }
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x =
                    (k == -d || (k != d && v[max + k - 1] < v[max + k + 1]))
                    ? v[max + k + 1] : v[max + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[max + k] = x
                if x >= n, y >= m {
                    found = true
                    break
                }
            }
            if found { break }
        }
        // Walk back through the saved frontiers.
        var script: [Edit] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previous =
                (k == -d || (k != d && v[max + k - 1] < v[max + k + 1])) ? k + 1 : k - 1
            let px = d == 0 ? 0 : v[max + previous]
            let py = px - previous
            while x > px, y > py {
                script.append(Edit(kind: " ", text: a[x - 1], oldLine: x, newLine: y))
                x -= 1
                y -= 1
            }
            if d == 0 { break }
            if x == px {
                script.append(Edit(kind: "+", text: b[y - 1], oldLine: x + 1, newLine: y))
                y -= 1
            } else {
                script.append(Edit(kind: "-", text: a[x - 1], oldLine: x, newLine: y + 1))
                x -= 1
            }
        }
        while x > 0, y > 0 {
            script.append(Edit(kind: " ", text: a[x - 1], oldLine: x, newLine: y))
            x -= 1
            y -= 1
        }
        return script.reversed()
    }

    /// The common first and last lines kept, everything between removed and added.
    private static func replaceAll(_ a: [String], _ b: [String]) -> [Edit] {
        var p = 0
        while p < a.count, p < b.count, a[p] == b[p] { p += 1 }
        var s = 0
        while s < a.count - p, s < b.count - p, a[a.count - 1 - s] == b[b.count - 1 - s] { s += 1 }
        var script: [Edit] = []
        for i in 0..<p { script.append(Edit(kind: " ", text: a[i], oldLine: i + 1, newLine: i + 1)) }
        for i in p..<(a.count - s) {
            script.append(Edit(kind: "-", text: a[i], oldLine: i + 1, newLine: p + 1))
        }
        for j in p..<(b.count - s) {
            script.append(Edit(kind: "+", text: b[j], oldLine: a.count - s + 1, newLine: j + 1))
        }
        for i in 0..<s {
            script.append(
                Edit(
                    kind: " ", text: a[a.count - s + i], oldLine: a.count - s + i + 1,
                    newLine: b.count - s + i + 1))
        }
        return script
    }
}
