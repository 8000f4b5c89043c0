import Foundation

// The performance targets of the project (issues 14 and 15), each measured side by side in one
// run and printed as one table: the figure, the ratio, the target, met or not.

/// One row of the targets table.
struct TargetRow {
    var what: String
    /// The figure and, where the target is a ratio, the two sides of it.
    var measured: String
    var target: String
    /// nil when this run could not measure it (`measured` says why).
    var met: Bool?

    var line: String {
        let verdict = met.map { $0 ? "met" : "NOT MET" } ?? "not measured"
        return "\(what.padding(44)) \(measured.padding(52)) \(target.padding(30)) \(verdict)"
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

/// Best (smallest) wall time of `runs` spawns, without a wrapper process, so start-up is
/// timed as a user's shell sees it.
func bestSpawn(_ arguments: [String], runs: Int) -> Double {
    var best = Double.infinity
    for _ in 0..<runs { best = min(best, rawSpawn(arguments, quietOutput: true).seconds) }
    return best
}

/// Median wall time of `runs` spawns and the largest peak RSS (MB) among them.
func medianSpawn(_ arguments: [String], runs: Int) -> (seconds: Double, peakMB: Double) {
    var times: [Double] = []
    var peak = 0.0
    for _ in 0..<runs {
        let run = spawn(arguments)
        times.append(run.seconds)
        peak = max(peak, run.peakMB)
    }
    times.sort()
    return (times[times.count / 2], peak)
}

/// A static Swift program importing Foundation, built with the toolchain that built lwkdconv:
/// the floor a Swift process can start in on this machine.
func buildHello(in directory: String) -> String? {
    guard let swiftc = which("swiftc") else { return nil }
    let source = directory + "/hello.swift"
    let output = directory + "/hello"
    let program = "import Foundation\nprint(\"hello \\(Date().timeIntervalSince1970 > 0)\")\n"
    guard (try? Data(program.utf8).write(to: URL(fileURLWithPath: source))) != nil else {
        return nil
    }
    let run = rawSpawn(
        [swiftc, "-O", "-static-stdlib", source, "-o", output], quietOutput: true)
    return run.status == 0 ? output : nil
}

/// A post's Markdown body: its text without the front matter.
func body(of text: String) -> Substring {
    guard text.hasPrefix("---\n"),
        let end = text.range(
            of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex)
    else { return Substring(text) }
    return text[end.upperBound...]
}

/// Writes each post's Markdown body to its own file in `directory`, for the raw cmark-gfm side
/// of a ratio.
func writeBodies(_ posts: [(name: String, bytes: [UInt8])], to directory: String) -> [String] {
    posts.compactMap { post in
        let path = directory + "/" + post.name
        let text = body(of: String(decoding: post.bytes, as: UTF8.self))
        return (try? Data(text.utf8).write(to: URL(fileURLWithPath: path))) != nil ? path : nil
    }
}

/// cmark-gfm with the extensions lwkdconv enables, over `paths`, to HTML.
func cmarkArguments(_ cmark: String, _ paths: [String]) -> [String] {
    [cmark, "--to", "html", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tasklist"]
        + paths
}

func msText(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
func ratioText(_ value: Double) -> String { String(format: "%.2f×", value) }
