import ArgumentParser
import Dispatch
import Foundation
import LwkdCLI
import LwkdCheck
import LwkdModel
import LwkdPreview
import LwkdWriters
import Synchronization

/// `lwkdconv preview POST`: a live page on 127.0.0.1 with every edition of the post side by
/// side, rendered again whenever the post, the theme or the site settings change.
///
/// Self-contained: the command, its rendering and its watch list are in this file; the server
/// and the page are the LwkdPreview module.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: HandOff.abstract(of: "preview"),
        discussion: """
            The page shows the HTML e-mail at 600 and 375 px, the web page, the plain text, the \
            Bluesky and Mastodon texts with their counts, the EPUB chapter, the Atom entry, the \
            post's facts and what check finds, each linked to its source line. It reloads \
            itself, keeping its place, when the post, the theme or .lwkdconv.yml changes. \
            Nothing is written to disk. Ctrl-C stops it.

            EXAMPLES:
              lwkdconv preview _posts/2026-08-20-update.md --open
              lwkdconv preview post.md --port 8080 --theme lwkd --resource-path .
            """)

    @Argument(help: "The post to preview (a file; the page follows its changes).")
    var post: String

    @Option(help: "The port to listen on at 127.0.0.1 (default: a free one, printed).")
    var port: Int = 0

    @Flag(help: "Open the page in the system's browser (xdg-open or open).")
    var open = false

    @OptionGroup var common: CommonOptions

    @OptionGroup var plain: PlainOptions

    @OptionGroup var email: EmailOptions

    @OptionGroup var social: SocialOptions

    @OptionGroup var web: WebOptions

    func validate() throws {
        guard (0...65_535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535")
        }
        if post == "-" {
            throw ValidationError("preview follows a file; standard input (-) cannot be previewed")
        }
    }

    func run() throws {
        let environment = CLIEnvironment.current
        let full = InputLoader.resolve(post, in: environment)
        _ = try InputLoader.bytes(of: post, environment: environment)
        let rendering = PreviewRendering(
            path: post, common: common, theme: email.theme,
            options: web.applied(to: social.applied(to: email.writerOptions(plain: plain))),
            environment: environment)
        let theme = try? EmailOptions.loadTheme(
            email.theme, currentDirectory: environment.currentDirectory)
        let folder = (full as NSString).deletingLastPathComponent
        let resources = common.resourcePath.map { InputLoader.resolve($0, in: environment) }
        let files = PreviewFiles(roots: [folder] + [theme?.directory].compactMap { $0 } + resources)
        let server = PreviewServer(files: files, site: common.site.baseURL) {
            rendering.snapshot()
        }
        let bound: Int
        do {
            bound = try server.start(port: port)
        } catch {
            server.stop()
            throw CLIFailure(.usage, "cannot listen on 127.0.0.1:\(port): \(error)")
        }
        let url = "http://127.0.0.1:\(bound)/"
        environment.writeStandardError(
            "lwkdconv: previewing \(post) at \(url) (rendered in \(Self.ms(server.current.snapshot)); Ctrl-C stops)\n"
        )
        let quiet = common.quiet
        let watcher = FileWatcher(rendering.watchTargets(themeDirectory: theme?.directory)) {
            let snapshot = server.refresh()
            if !quiet {
                let problem =
                    snapshot.failure.map { "cannot read the post (\($0.message)); " } ?? ""
                environment.writeStandardError(
                    "lwkdconv: \(problem)rendered in \(Self.ms(snapshot))\n")
            }
        }
        if open { Self.openBrowser(url, environment: environment) }
        Self.waitForInterrupt()
        watcher.stop()
        server.stop()
        environment.writeStandardError("lwkdconv: preview stopped\n")
    }

    static func ms(_ snapshot: PreviewSnapshot) -> String {
        String(
            format: "%.1f ms, %.1f ms of processor time", snapshot.milliseconds,
            snapshot.cpuMilliseconds)
    }

    /// Blocks until SIGINT (Ctrl-C) or SIGTERM.
    static func waitForInterrupt() {
        let stop = DispatchSemaphore(value: 0)
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            sources.append(source)
        }
        stop.wait()
        for source in sources { source.cancel() }
    }

    /// Starts `xdg-open` (or macOS's `open`) on the page, when the system has one.
    static func openBrowser(_ url: String, environment: CLIEnvironment) {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let opener = ["xdg-open", "open"].lazy.flatMap { name in
            path.split(separator: ":").map { "\($0)/\(name)" }
        }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let opener else {
            environment.writeStandardError(
                "lwkdconv: --open: no xdg-open or open found; open \(url) yourself\n")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opener)
        process.arguments = [url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            environment.writeStandardError("lwkdconv: --open: \(opener) failed: \(error)\n")
        }
    }
}

/// Renders every edition of one post for the page.
///
/// It reads the post, the theme and the site settings afresh each time. Renders run one at a
/// time (the first before the server starts, the rest on the watcher's queue), and the
/// editions rendered in parallel within one only read what it holds.
struct PreviewRendering: @unchecked Sendable {
    let path: String
    let common: CommonOptions
    let theme: String
    let options: WriterOptions
    let environment: CLIEnvironment

    /// The folders to watch: the post's (for the post and `.lwkdconv.yml`), each folder above it
    /// (for `.lwkdconv.yml`), and the theme's with its parent `default`.
    func watchTargets(themeDirectory: String?) -> [FileWatcher.Target] {
        let full = InputLoader.resolve(path, in: environment)
        var folder = (full as NSString).deletingLastPathComponent
        let name = (full as NSString).lastPathComponent
        var targets = [FileWatcher.Target(directory: folder, names: [name, ".lwkdconv.yml"])]
        for _ in 0..<32 {
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || parent.isEmpty { break }
            folder = parent
            targets.append(FileWatcher.Target(directory: folder, names: [".lwkdconv.yml"]))
        }
        var themes: [String] = [themeDirectory].compactMap { $0 }
        if let themeDirectory {
            let parent = (themeDirectory as NSString).deletingLastPathComponent + "/default"
            if FileManager.default.fileExists(atPath: parent) { themes.append(parent) }
        }
        for directory in Set(themes) where !targets.contains(where: { $0.directory == directory }) {
            targets.append(FileWatcher.Target(directory: directory, names: nil))
        }
        return targets
    }

    /// The snapshot of the post as it is on disk now.
    func snapshot() -> PreviewSnapshot {
        let start = ContinuousClock.now
        let cpu = Self.processorMilliseconds()
        var snapshot = PreviewSnapshot(file: path, title: (path as NSString).lastPathComponent)
        let bytes = (try? InputLoader.bytes(of: path, environment: environment)) ?? []
        snapshot.sourceLines = String(decoding: bytes, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        if snapshot.sourceLines.last == "" { snapshot.sourceLines.removeLast() }
        do {
            try fill(&snapshot, bytes: bytes)
        } catch let failure as CLIFailure {
            snapshot.failure = PreviewFinding(
                severity: "error", message: failure.message, line: Self.line(of: failure.message))
        } catch {
            snapshot.failure = PreviewFinding(severity: "error", message: "\(path): \(error)")
        }
        let elapsed = ContinuousClock.now - start
        snapshot.milliseconds =
            Double(elapsed.components.seconds) * 1000
            + Double(elapsed.components.attoseconds) / 1e15
        snapshot.cpuMilliseconds = Self.processorMilliseconds() - cpu
        return snapshot
    }

    private func fill(_ snapshot: inout PreviewSnapshot, bytes: [UInt8]) throws {
        let pipeline = try Pipeline(
            common: common, theme: theme, environment: environment, guardsPublishing: false)
        let post = try pipeline.load(path, from: nil)
        snapshot.title = post.facts.title
        // The theme is read once per rendering, for the facts' dates and every themed edition;
        // a theme that fails shows its error in those panes only.
        let themedWriter = Writers.previewEditions.first { $0.writer.usesTheme }?.writer
        let themed = Result<WriteContext, any Error> {
            guard let themedWriter else { return try pipeline.context(for: Writers.all[0]) }
            return try pipeline.context(for: themedWriter)
        }
        let style = (try? themed.get())?.dateStyle ?? .newsletter
        snapshot.facts = Self.facts(of: post.facts, style: style)
        snapshot.panes = panes(of: post, pipeline: pipeline, themed: themed)
        let settings = try CheckSettings(rules: [])
        let checker = Checker(
            now: SendClock.now(),
            severities: try settings.severities(for: path, environment: environment))
        let checked = try CheckLoader.read(bytes, path: path, from: nil, site: common.site)
        snapshot.findings = checker.findings(in: checked).map { finding in
            PreviewFinding(
                severity: finding.severity.rawValue, message: finding.message, rule: finding.rule,
                line: finding.range.line, column: finding.range.column)
        }
        var seen: Set<String> = []
        for diagnostic in pipeline.diagnostics.drain()
        where seen.insert("\(diagnostic.line ?? 0):\(diagnostic.message)").inserted {
            snapshot.findings.append(
                PreviewFinding(
                    severity: diagnostic.severity.rawValue, message: diagnostic.message,
                    rule: "conversion", line: diagnostic.line, column: diagnostic.column))
        }
        // In line order, and the same order each time (the editions report from every core).
        snapshot.findings.sort {
            ($0.line ?? .max, $0.column ?? 0, $0.message) < (
                $1.line ?? .max, $1.column ?? 0, $1.message
            )
        }
    }

    /// Every edition, each pane carrying its own writer's error instead of failing the page.
    private func panes(
        of post: Post, pipeline: Pipeline, themed: Result<WriteContext, any Error>
    ) -> [PreviewPane] {
        // The editions render on every core; each keeps its place on the page.
        let editions = Writers.previewEditions
        let rendered = Mutex([[PreviewPane]](repeating: [], count: editions.count))
        DispatchQueue.concurrentPerform(iterations: editions.count) { index in
            let panes = self.panes(
                of: editions[index], post: post, pipeline: pipeline, themed: themed)
            rendered.withLock { $0[index] = panes }
        }
        return rendered.withLock { $0.flatMap { $0 } }
    }

    /// One edition's panes, or its writer's error in its one pane.
    private func panes(
        of edition: PreviewEdition, post: Post, pipeline: Pipeline,
        themed: Result<WriteContext, any Error>
    ) -> [PreviewPane] {
        let kind: PreviewPane.Kind =
            switch edition.display {
            case .page(let widths): .frames(widths: widths)
            case .text: .text
            case .markup: .source
            }
        do {
            let writer = edition.writer.configured(options)
            let context = writer.usesTheme ? try themed.get() : try pipeline.context(for: writer)
            return try edition.parts(writer, writer.prepared(post, in: context), context).map {
                part in
                PreviewPane(
                    id: part.id, title: part.title, kind: kind, body: part.body,
                    counts: part.counts.map {
                        PreviewCount(unit: $0.unit, value: $0.value, limit: $0.limit)
                    })
            }
        } catch {
            return [
                PreviewPane(
                    id: edition.id, title: edition.title, kind: kind, body: "", error: "\(error)")
            ]
        }
    }

    static func facts(of facts: PostFacts, style: DateStyle) -> [PreviewFact] {
        [
            PreviewFact(name: "Title", value: facts.title),
            PreviewFact(
                name: "Date",
                value: facts.date.map { "\(style.format($0)) (\(facts.dateText ?? $0.rfc3339))" }),
            PreviewFact(name: "Week ending", value: facts.weekEnding.map(style.format)),
            PreviewFact(name: "Permalink", value: facts.permalink, isLink: true),
            PreviewFact(name: "ID", value: facts.id),
            PreviewFact(name: "Subject", value: facts.subject),
            PreviewFact(name: "Slug", value: facts.slug),
        ]
    }

    /// The processor time of the whole process so far (user and system), in milliseconds.
    static func processorMilliseconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let seconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
        let micros = usage.ru_utime.tv_usec + usage.ru_stime.tv_usec
        return Double(seconds) * 1000 + Double(micros) / 1000
    }

    /// The line a `path:LINE:` message names.
    static func line(of message: String) -> Int? {
        for part in message.split(separator: ":").dropFirst() {
            if let number = Int(part.trimmingCharacters(in: .whitespaces)), number > 0 {
                return number
            }
            if !part.isEmpty { break }
        }
        return nil
    }
}
