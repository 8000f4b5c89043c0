import Foundation
import LwkdModel
import LwkdReaders
import LwkdWriters

// `make bench`: figures for the corpus when ../shared exists, else for samples/.
// Prints times (best of several runs) and ratios against cmark-gfm and pandoc when installed.

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let shared =
    ProcessInfo.processInfo.environment["LWKD_SHARED"].map { URL(fileURLWithPath: $0) }
    ?? root.deletingLastPathComponent().appendingPathComponent("shared")
let corpusDir = shared.appendingPathComponent("corpus/_posts")
let hasCorpus = FileManager.default.fileExists(atPath: corpusDir.path)
let inputDir = hasCorpus ? corpusDir : root.appendingPathComponent("samples")
let binary = root.appendingPathComponent(".build/release/lwkdconv").path

let files = ((try? FileManager.default.contentsOfDirectory(atPath: inputDir.path)) ?? [])
    .filter { $0.hasSuffix(".md") || $0.hasSuffix(".txt") }.sorted().map {
        inputDir.appendingPathComponent($0)
    }
let posts: [(name: String, bytes: [UInt8])] = files.compactMap { url in
    (try? Data(contentsOf: url)).map { (url.lastPathComponent, Array($0)) }
}
let totalBytes = posts.reduce(0) { $0 + $1.bytes.count }
print(
    "lwkdbench: \(posts.count) posts, \(String(format: "%.2f", Double(totalBytes) / 1e6)) MB from \(hasCorpus ? "../shared/corpus" : "samples/ (../shared absent)")"
)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func best(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var result = Double.infinity
    for _ in 0..<runs { result = min(result, try seconds(body)) }
    return result
}

func ms(_ s: Double) -> String { String(format: "%8.1f ms", s * 1000) }

/// Runs a command; returns wall seconds, peak RSS in MB and the exit status.
///
/// Linux carries a parent's peak RSS into a spawned child's `ru_maxrss`, so the peak is taken
/// through GNU time (a small parent) when it is installed.
func spawn(_ arguments: [String], quietOutput: Bool = true) -> (
    seconds: Double, peakMB: Double, status: Int32
) {
    let timeFile = NSTemporaryDirectory() + "lwkdbench-time-\(getpid())"
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/time") {
        let run = rawSpawn(
            ["/usr/bin/time", "-f", "%M", "-o", timeFile] + arguments, quietOutput: quietOutput)
        let kb =
            (try? String(contentsOfFile: timeFile, encoding: .utf8))?.split(separator: "\n").last
            .flatMap { Double($0) } ?? 0
        try? FileManager.default.removeItem(atPath: timeFile)
        return (run.seconds, kb / 1024, run.status)
    }
    let run = rawSpawn(arguments, quietOutput: quietOutput)
    return (run.seconds, 0, run.status)
}

func rawSpawn(_ arguments: [String], quietOutput: Bool) -> (
    seconds: Double, peakMB: Double, status: Int32
) {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if quietOutput {
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    }
    let argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ) == 0 else {
        return (0, 0, -1)
    }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return (elapsed, Double(usage.ru_maxrss) / 1024, status)
}

func which(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let path = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

// MARK: - Whole corpus in one process

let context = WriteContext(generator: "lwkdbench")
func readAll() throws -> [Document] {
    try posts.map { post in
        let text = try SourceDecoder.decode(post.bytes, path: post.name)
        return try Readers.forSource(text, named: nil).read(
            Source(text: text, path: post.name), in: ReadContext())
    }
}
// `lwkdbench --profile markdown|html|read`: loop one phase for a profiler, print nothing else.
if let i = CommandLine.arguments.firstIndex(of: "--profile"), i + 1 < CommandLine.arguments.count {
    let phase = CommandLine.arguments[i + 1]
    for _ in 0..<100 {
        let docs = try readAll()
        if phase == "markdown" { for d in docs { _ = try MarkdownWriter().write(d, in: context) } }
        if phase == "html" { for d in docs { _ = try HTMLWriter().write(d, in: context) } }
    }
    exit(0)
}

let readTime = try best(5) { _ = try readAll() }
let markdownTime = try best(5) {
    for d in try readAll() { _ = try MarkdownWriter().write(d, in: context) }
}
let htmlTime = try best(5) {
    for d in try readAll() { _ = try HTMLWriter().write(d, in: context) }
}
print("\n== Whole corpus, one process (best of 5) ==")
print("read only                 \(ms(readTime))")
print("read + write Markdown     \(ms(markdownTime))")
print("read + write HTML         \(ms(htmlTime))")

if let cmark = which("cmark-gfm") {
    let args =
        [
            cmark, "--to", "html", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e",
            "tasklist",
        ] + files.map(\.path)
    var floor = Double.infinity
    for _ in 0..<5 { floor = min(floor, spawn(args).seconds) }
    print("cmark-gfm --to html       \(ms(floor))   (the C floor, one process)")
    print(
        String(format: "ratio Markdown/cmark      %8.2f×   (target ≤ 2.5×)", markdownTime / floor))
    print(String(format: "ratio HTML/cmark          %8.2f×   (target ≤ 2.5×)", htmlTime / floor))
} else {
    print("cmark-gfm not installed: C floor skipped (apt-get install cmark-gfm)")
}
if let pandoc = which("pandoc") {
    let run = spawn([pandoc, "-f", "gfm", "-t", "html", "-o", "/dev/null"] + files.map(\.path))
    print("pandoc gfm → html         \(ms(run.seconds))")
    print(String(format: "ratio pandoc/lwkdconv     %8.1f×", run.seconds / htmlTime))
} else {
    print("pandoc not installed: pandoc comparison skipped")
}

// MARK: - Linear cost

print("\n== Cost against input size (read + write Markdown) ==")
let unit = posts.map { String(decoding: $0.bytes, as: UTF8.self) }.map { text -> String in
    // Bodies only, so the concatenation is one post.
    guard text.hasPrefix("---\n"),
        let end = text.range(
            of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex)
    else { return text }
    return String(text[end.upperBound...])
}.joined(separator: "\n")
var perMB: [Double] = []
for targetMB in [5, 50] {
    var big = ""
    big.reserveCapacity(targetMB * 1_100_000)
    while big.utf8.count < targetMB * 1_000_000 { big += unit + "\n" }
    let size = Double(big.utf8.count) / 1e6
    let t = try best(2) {
        let d = try MarkdownReader().read(Source(text: big, path: "big.md"), in: ReadContext())
        _ = try MarkdownWriter().write(d, in: context)
    }
    perMB.append(t / size)
    print(
        String(format: "%5.1f MB post             %@   (%.1f ms/MB)", size, ms(t), t / size * 1000))
}
print(String(format: "per-MB cost 50 MB / 5 MB  %8.2f×   (1.0 = linear)", perMB[1] / perMB[0]))

// MARK: - One post as a process

if FileManager.default.isExecutableFile(atPath: binary), let sample = files.first {
    print("\n== One post → each format, as a process (best of 10; target ≤ 10 ms) ==")
    let listing = Process()
    listing.executableURL = URL(fileURLWithPath: binary)
    listing.arguments = ["--list-formats"]
    let pipe = Pipe()
    listing.standardOutput = pipe
    try listing.run()
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    listing.waitUntilExit()
    let formats = text.split(separator: "\n").drop { !$0.hasPrefix("Output") }.dropFirst()
        .compactMap { $0.split(separator: " ").first.map(String.init) }
    let out = NSTemporaryDirectory() + "lwkdbench-out"
    for format in formats {
        var t = Double.infinity
        var peak = 0.0
        for _ in 0..<10 {
            let run = spawn([binary, sample.path, "--to", format, "-o", out, "--quiet"])
            t = min(t, run.seconds)
            peak = max(peak, run.peakMB)
        }
        print(
            "\(format.padding(toLength: 14, withPad: " ", startingAt: 0)) \(ms(t))   \(String(format: "%5.1f", peak)) MB peak"
        )
    }
    try? FileManager.default.removeItem(atPath: out)
    // The other issues' figures: digest EPUB vs pandoc, the site feed, check, SMTP hand-over,
    // the preview's re-render and idle CPU.
    for extra in [
        "bench-epub.sh", "bench-digest.sh", "bench-feed.sh", "bench-check.sh", "bench-batch.sh",
        "bench-send.sh", "bench-preview.sh",
    ] {
        let script = root.appendingPathComponent("scripts/\(extra)").path
        if FileManager.default.fileExists(atPath: script) {
            print("")
            fflush(nil)  // so the script's output lands after ours
            _ = rawSpawn(["bash", script, shared.path], quietOutput: false)
        }
    }
} else {
    print("\nrelease binary missing: run `swift build -c release` for per-process figures")
}
