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
    let args = cmarkArguments(cmark, files.map(\.path))
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
// Bodies only, so the concatenation is one post.
let unit = posts.map { String(body(of: String(decoding: $0.bytes, as: UTF8.self))) }
    .joined(separator: "\n")
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

// MARK: - 20× the corpus (in-process read + write HTML)

var targetRows: [TargetRow] = []
do {
    let twenty = Array(repeating: posts, count: 20).flatMap { $0 }
    func readWrite(_ batch: [(name: String, bytes: [UInt8])]) throws {
        for post in batch {
            let text = try SourceDecoder.decode(post.bytes, path: post.name)
            let doc = try Readers.forSource(text, named: nil).read(
                Source(text: text, path: post.name), in: ReadContext())
            _ = try HTMLWriter().write(doc, in: context)
        }
    }
    let once = try best(5) { try readWrite(posts) }
    let many = try best(2) { try readWrite(twenty) }
    print("\n== 20× the corpus (read + write HTML, one thread) ==")
    print("corpus once               \(ms(once))")
    print("corpus 20×                \(ms(many))")
    targetRows.append(
        TargetRow(
            what: "20× the corpus (read + write HTML)",
            measured: "\(msText(many)) / \(msText(once)) = \(String(format: "%.1f×", many / once))",
            target: "≤ 21× the time", met: many / once <= 21))
}

// MARK: - One post as a process, against a static Foundation "hello"

let scratch = NSTemporaryDirectory() + "lwkdbench-\(getpid())"
try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: scratch) }

if FileManager.default.isExecutableFile(atPath: binary), let sample = files.first {
    let hello = buildHello(in: scratch)
    let runs = 30
    let helloTime = hello.map { bestSpawn([$0], runs: runs) }
    print("\n== One post → each format, as a process (best of \(runs)) ==")
    if let helloTime {
        print("static Swift+Foundation hello  \(ms(helloTime))")
    } else {
        print("swiftc not found: the hello floor is not measured")
    }
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
    let out = scratch + "/out"
    var worst = (format: "", seconds: 0.0)
    var worstPeak = (format: "", mb: 0.0)
    for format in formats {
        let arguments = [binary, sample.path, "--to", format, "-o", out, "--quiet"]
        let t = bestSpawn(arguments, runs: runs)
        let peak = spawn(arguments).peakMB
        if t > worst.seconds { worst = (format, t) }
        if peak > worstPeak.mb { worstPeak = (format, peak) }
        let ratio = helloTime.map { String(format: "  %.2f× hello", t / $0) } ?? ""
        print(
            "\(format.padding(14)) \(ms(t))\(ratio)   \(String(format: "%5.1f", peak)) MB peak")
    }
    let version = bestSpawn([binary, "--version"], runs: runs)
    print("--version      \(ms(version))")
    if let helloTime {
        targetRows.append(
            TargetRow(
                what: "one post → each format, as a process",
                measured:
                    "worst \(worst.format) \(msText(worst.seconds)) = \(ratioText(worst.seconds / helloTime)) hello (\(msText(helloTime)))",
                target: "≤ 4 ms and ≤ 2.0× hello",
                met: worst.seconds <= 0.004 && worst.seconds / helloTime <= 2.0))
        targetRows.append(
            TargetRow(
                what: "lwkdconv --version",
                measured: "\(msText(version)) = \(ratioText(version / helloTime)) hello",
                target: "≤ 1.3× hello", met: version / helloTime <= 1.3))
    } else {
        for what in ["one post → each format, as a process", "lwkdconv --version"] {
            targetRows.append(
                TargetRow(
                    what: what, measured: "swiftc missing: no hello to compare with",
                    target: "against hello", met: nil))
        }
    }
    targetRows.append(
        TargetRow(
            what: "peak RSS, one post",
            measured: "largest \(worstPeak.format) \(String(format: "%.1f MB", worstPeak.mb))",
            target: "≤ 15 MB", met: worstPeak.mb > 0 ? worstPeak.mb <= 15 : nil))

    // The site feed over every post against raw cmark-gfm over the same bodies.
    let cmark = which("cmark-gfm")
    let bodiesDir = scratch + "/bodies"
    try? FileManager.default.createDirectory(atPath: bodiesDir, withIntermediateDirectories: true)
    let bodies = writeBodies(posts, to: bodiesDir)
    let feedTime = bestSpawn(
        [binary, "feed", inputDir.path, "--limit", "0", "-o", scratch + "/feed.xml", "--quiet"],
        runs: 10)
    let checkTime = bestSpawn(
        [binary, "check", inputDir.path, "--now", "2026-01-01T00:00:00Z"], runs: 10)
    print("\n== The whole corpus as one process (best of 10) ==")
    print("feed --limit 0            \(ms(feedTime))")
    print("check                     \(ms(checkTime))")
    if let cmark {
        let bodiesTime = bestSpawn(cmarkArguments(cmark, bodies), runs: 10)
        let filesTime = bestSpawn(cmarkArguments(cmark, files.map(\.path)), runs: 10)
        print("cmark-gfm, the bodies     \(ms(bodiesTime))")
        print("cmark-gfm, the files      \(ms(filesTime))")
        targetRows.append(
            TargetRow(
                what: "feed --limit 0, whole corpus, one process",
                measured:
                    "\(msText(feedTime)) = \(ratioText(feedTime / bodiesTime)) cmark-gfm (\(msText(bodiesTime)))",
                target: "≤ 1.5× cmark-gfm", met: feedTime / bodiesTime <= 1.5))
        targetRows.append(
            TargetRow(
                what: "check, whole corpus, one process",
                measured:
                    "\(msText(checkTime)) = \(ratioText(checkTime / filesTime)) cmark-gfm (\(msText(filesTime)))",
                target: "≤ 2× cmark-gfm", met: checkTime / filesTime <= 2))
    } else {
        for what in ["feed --limit 0, whole corpus, one process", "check, whole corpus, one process"] {
            targetRows.append(
                TargetRow(
                    what: what, measured: "cmark-gfm missing (apt-get install cmark-gfm)",
                    target: "against cmark-gfm", met: nil))
        }
    }

    // Batch: every post to html-email in one run against one process per post.
    let batchFiles = files.map(\.path)
    var loop = 0.0
    for file in batchFiles {
        loop += rawSpawn(
            [binary, file, "--to", "html-email", "-o", scratch + "/one.html", "--quiet"],
            quietOutput: true
        ).seconds
    }
    var batch = Double.infinity
    for _ in 0..<3 {
        try? FileManager.default.removeItem(atPath: scratch + "/batch")
        batch = min(
            batch,
            rawSpawn(
                [binary] + batchFiles + ["--to", "html-email", "-o", scratch + "/batch/", "--quiet"],
                quietOutput: true
            ).seconds)
    }
    print("\n== \(batchFiles.count) posts to html-email ==")
    print("one process per post      \(ms(loop))")
    print("one run, -o DIR/          \(ms(batch))")
    targetRows.append(
        TargetRow(
            what: "batch: \(batchFiles.count) posts → html-email, one run",
            measured: "\(msText(loop)) / \(msText(batch)) = \(String(format: "%.1f×", loop / batch)) faster",
            target: "≥ 5× the loop of processes", met: loop / batch >= 5))

    // A year's digest from the full site folder, against pandoc's EPUB of the same posts.
    let site = shared.appendingPathComponent("corpus").path
    if hasCorpus {
        let year = "2022"
        let yearFiles = files.map(\.path).filter { ($0 as NSString).lastPathComponent.hasPrefix(year) }
        let ours = medianSpawn(
            [binary, "digest", site, "--year", year, "-o", scratch + "/digest.epub",
             "--resource-path", site, "--quiet"], runs: 5)
        print("\n== Digest \(year) (\(yearFiles.count) posts) from the site folder (median of 5) ==")
        print("lwkdconv digest           \(ms(ours.seconds))   \(String(format: "%.1f", ours.peakMB)) MB peak")
        if let pandoc = which("pandoc") {
            let theirs = medianSpawn(
                [pandoc, "-f", "markdown", "-t", "epub3", "--resource-path", site, "--metadata",
                 "title=LWKD \(year)", "-o", scratch + "/pandoc.epub"] + yearFiles, runs: 3)
            print("pandoc (median of 3)      \(ms(theirs.seconds))   \(String(format: "%.1f", theirs.peakMB)) MB peak")
            targetRows.append(
                TargetRow(
                    what: "digest of \(year) from the site folder",
                    measured:
                        "\(msText(ours.seconds)); pandoc \(msText(theirs.seconds)) = \(String(format: "%.1f×", theirs.seconds / ours.seconds)) faster",
                    target: "≥ 25× faster than pandoc", met: theirs.seconds / ours.seconds >= 25))
        } else {
            targetRows.append(
                TargetRow(
                    what: "digest of \(year) from the site folder",
                    measured: "pandoc missing (apt-get install pandoc)",
                    target: "≥ 25× faster than pandoc", met: nil))
        }
        targetRows.append(
            TargetRow(
                what: "peak RSS, the digest",
                measured: String(format: "%.1f MB", ours.peakMB), target: "≤ 30 MB",
                met: ours.peakMB > 0 ? ours.peakMB <= 30 : nil))
    } else {
        targetRows.append(
            TargetRow(
                what: "digest of a year from the site folder",
                measured: "../shared/corpus absent", target: "≥ 25× faster than pandoc", met: nil))
    }

    // The installed binary: what `make install` puts on the PATH (stripped).
    let stripped = scratch + "/lwkdconv-stripped"
    if rawSpawn(["strip", "--strip-all", "-o", stripped, binary], quietOutput: true).status == 0,
        let size = (try? FileManager.default.attributesOfItem(atPath: stripped))?[.size] as? Int
    {
        let mb = Double(size) / 1_048_576
        targetRows.append(
            TargetRow(
                what: "installed binary (stripped)", measured: String(format: "%.1f MB", mb),
                target: "≤ 40 MB", met: mb <= 40))
    }

    // The other figures: the digest's year selection, check's links per line, the SMTP
    // hand-over, the preview's re-render and idle CPU, memory on hostile sizes. A script line
    // `ROW|what|measured|target|met|not met` joins the table.
    for extra in [
        "bench-digest.sh", "bench-check.sh", "bench-send.sh", "bench-preview.sh", "bench-memory.sh",
    ] {
        let script = root.appendingPathComponent("scripts/\(extra)").path
        guard FileManager.default.fileExists(atPath: script) else { continue }
        print("")
        fflush(nil)
        let output = scratch + "/script.txt"
        // bench-memory.sh takes the binary; the others the shared folder.
        let argument = extra == "bench-memory.sh" ? binary : shared.path
        _ = rawSpawn(
            ["bash", "-c", "bash \"$0\" \"$1\" > \"$2\" 2>&1", script, argument, output],
            quietOutput: false)
        let lines = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(separator: "\n")
        for line in lines {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            if fields.count == 5, fields[0] == "ROW" {
                targetRows.append(
                    TargetRow(
                        what: fields[1], measured: fields[2], target: fields[3],
                        met: fields[4] == "met" ? true : fields[4] == "not met" ? false : nil))
            } else {
                print(line)
            }
        }
    }
} else {
    print("\nrelease binary missing: run `swift build -c release` for per-process figures")
}

// MARK: - The targets

print("\n== Targets (one run; load average \(loadAverage())) ==")
print("\("what".padding(44)) \("measured".padding(52)) \("target".padding(30)) verdict")
for row in targetRows { print(row.line) }
let metCount = targetRows.filter { $0.met == true }.count
print("\(metCount) of \(targetRows.count) targets met")

func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ")
        .prefix(3).joined(separator: " ")
}
