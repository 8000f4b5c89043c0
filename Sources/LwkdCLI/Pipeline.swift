import Foundation
import LwkdModel
import LwkdReaders
import LwkdWriters
import Synchronization

/// The one conversion path of every command: load, facts, context, theme, write, deliver.
///
/// `convert`, `digest`, `feed` and `send` differ only in which posts they load and which of
/// the writer's methods they call; diagnostics, `--strict` and `--quiet` are handled here once.
package struct Pipeline {
    let common: CommonSettings
    let theme: String
    let environment: CLIEnvironment
    package let diagnostics = DiagnosticSink()
    package let site: Site
    let metadata: [(String, String)]
    /// The publishing rules whose errors loading reports as warnings (nil for `send`, which
    /// refuses such a post instead).
    let guarding: PublishingGuard?

    init(
        common: CommonSettings, theme: String = "default", environment: CLIEnvironment,
        guardsPublishing: Bool = true
    ) throws {
        self.common = common
        self.theme = theme
        self.environment = environment
        self.site = common.site
        self.metadata = try common.metadataPairs()
        self.guarding =
            guardsPublishing ? PublishingGuard(settings: try CheckSettings(rules: [])) : nil
    }

    /// The pipeline for a command's parsed ``CommonOptions``.
    package init(
        common: CommonOptions, theme: String = "default", environment: CLIEnvironment,
        guardsPublishing: Bool = true
    ) throws {
        try self.init(
            common: common.settings, theme: theme, environment: environment,
            guardsPublishing: guardsPublishing)
    }

    // MARK: - Load

    /// One post, its facts computed.
    package func load(_ path: String, from format: String?) throws -> Post {
        try InputLoader.post(
            at: path, from: format, metadata: metadata, site: site, environment: environment,
            diagnostics: diagnostics, guarding: guarding)
    }

    /// Many posts, read and parsed on every core; results and each post's diagnostics come
    /// back in the order found, so output and messages never vary.
    ///
    /// A file a directory search found that has no date is skipped with a warning; one named on
    /// the command line is an error. With `keepGoing`, a post that cannot be read is skipped
    /// with a warning naming it instead of stopping the run.
    func loadAll(
        _ found: [PostFinder.Found], from format: String?, keepGoing: Bool,
        namedUndatedIsError: Bool = true, showsProgress: Bool = false,
        keep: (@Sendable (Post) -> Bool)? = nil, guardsPublishing: Bool = true,
        guardsUnpublished: Bool = true
    ) throws -> [Post] {
        let results = Mutex(
            [(post: Result<Post, any Error>, diagnostics: [Diagnostic])?](
                repeating: nil, count: found.count))
        let (metadata, site, environment) = (metadata, site, environment)
        var chosen = guardsPublishing ? guarding : nil
        chosen?.skipsUnpublished = !guardsUnpublished
        let guarding = chosen
        DispatchQueue.concurrentPerform(iterations: found.count) { index in
            let sink = DiagnosticSink()
            let post = Result<Post, any Error> {
                try InputLoader.post(
                    at: found[index].path, from: format, metadata: metadata, site: site,
                    environment: environment, diagnostics: sink, guarding: guarding)
            }
            // A dated post `keep` refuses (another year's) is dropped at once, with its messages.
            if let keep, case .success(let loaded) = post, loaded.facts.date != nil, !keep(loaded) {
                results.withLock { $0[index] = (.failure(Dropped()), []) }
                return
            }
            results.withLock { $0[index] = (post, sink.drain()) }
        }
        var progress = ProgressBar(
            total: found.count,
            isEnabled: showsProgress && environment.isStandardErrorTerminal && !common.quiet,
            environment: environment)
        defer { progress.finish() }
        var posts: [Post] = []
        for (item, result) in zip(found, results.withLock { $0.compactMap { $0 } }) {
            progress.advance(label: (item.path as NSString).lastPathComponent)
            let isUndated = (try? result.post.get()).map { $0.facts.date == nil } ?? false
            // A file that is no post at all (a README) is only skipped: its date and title
            // fallbacks would be noise.
            if !(isUndated && (item.isFromDirectory || !namedUndatedIsError)) {
                for diagnostic in result.diagnostics { diagnostics.report(diagnostic) }
            }
            let post: Post
            do {
                post = try result.post.get()
            } catch is Dropped {
                continue
            } catch let failure as CLIFailure where keepGoing {
                diagnostics.warn("skipped: \(failure.message)")
                continue
            }
            if post.facts.date != nil {
                posts.append(post)
            } else if item.isFromDirectory || !namedUndatedIsError {
                diagnostics.warn(
                    "skipped: not a dated post (no 'date:', no YYYY-MM-DD- file name)",
                    file: item.path)
            } else {
                throw CLIFailure(
                    .unreadableInput,
                    "\(item.path): not a dated post: give it a 'date:' or a YYYY-MM-DD- file name")
            }
        }
        return posts
    }

    /// Runs the publishing guard on posts `loadAll` read without it, in their order: `feed`
    /// guards only the posts it keeps.
    func guardPublishing(_ posts: [Post], from format: String?) throws {
        guard let guarding else { return }
        for post in posts {
            try InputLoader.guardPublishing(
                post, from: format, metadata: metadata, site: site, environment: environment,
                diagnostics: diagnostics, guarding: guarding)
        }
    }

    /// A post `loadAll`'s `keep` left out.
    private struct Dropped: Error {}

    // MARK: - Write

    /// The context for `writer`: the theme is loaded only when the writer uses one, and its
    /// `date_format` sets how dates are shown.
    package func context(for writer: any Writer) throws -> WriteContext {
        var context = try common.context(diagnostics: diagnostics)
        if writer.usesTheme {
            let loaded = try EmailOptions.loadTheme(
                theme, currentDirectory: environment.currentDirectory)
            context.theme = loaded
            if let pattern = loaded.variables["date_format"], !pattern.isEmpty {
                context.dateStyle = DateStyle(pattern: pattern)
            }
        }
        return context
    }

    /// Runs one of the writer's methods, reporting diagnostics (and failing under `--strict`)
    /// before anything is delivered.
    func run(_ body: () throws(WriteError) -> Output) throws -> Output {
        let output: Output
        do {
            output = try body()
        } catch {
            try? report()
            throw Pipeline.failure(for: error)
        }
        try report()
        return output
    }

    /// Writes one post with `writer`. The post is consumed: once the writer has its prepared
    /// copy (URLs resolved, raw HTML sanitised), the original model is let go rather than
    /// held beside it while the writer renders (issue 15: for a big post, one more model).
    func write(_ post: consuming Post, with writer: any Writer, in context: WriteContext) throws
        -> Output
    {
        let prepared = writer.prepared(post, in: context)
        _ = consume post
        return try run { () throws(WriteError) in try writer.write(prepared, in: context) }
    }

    /// Writes one post with a writer that streams, straight to `-o` (atomically) or standard
    /// output, never holding the whole output. The diagnostics are reported (and `--strict`
    /// enforced) before the first byte, as for a whole output: a streaming writer reports all
    /// of its own before it hands on any.
    func stream(
        _ post: consuming Post, with writer: any StreamingWriter, in context: WriteContext, to path: String?
    ) throws {
        let prepared = writer.prepared(post, in: context)
        _ = consume post
        let produce: ((UnsafeBufferPointer<UInt8>) -> Bool) throws -> Void = { sink in
            var reported = false
            var refusal: (any Error)?
            do throws(WriteError) {
                try writer.write(prepared, in: context) { chunk in
                    if !reported {
                        reported = true
                        do {
                            try self.report()
                        } catch {
                            refusal = error
                            return false
                        }
                    }
                    return sink(chunk)
                }
            } catch {
                try? self.report()
                throw Pipeline.failure(for: error)
            }
            if let refusal { throw refusal }
            if !reported { try self.report() }
        }
        try OutputSink.deliver(
            isBinary: writer.isBinary, to: path, environment: environment, producing: produce)
    }

    /// Prints the diagnostics so far (unless `--quiet`) and enforces `--strict`.
    package func report() throws {
        try common.report(diagnostics, environment: environment)
    }

    /// Sends output to `-o` (atomically) or standard output.
    func deliver(_ output: Output, of writer: any Writer, to path: String?) throws {
        try OutputSink.deliver(
            output, isBinary: writer.isBinary, to: path, environment: environment)
    }

    package static func failure(for error: WriteError) -> CLIFailure {
        switch error {
        case .unknownFormat: CLIFailure(.unknownFormat, error.description)
        case .theme: CLIFailure(.theme, error.description)
        case .resource, .unsupported: CLIFailure(.outputNotWritten, error.description)
        case .input: CLIFailure(.unreadableInput, error.description)
        }
    }
}

/// Where converted output goes: a file (atomically) or standard output.
enum OutputSink {
    static func deliver(
        _ output: Output, isBinary: Bool, to path: String?, environment: CLIEnvironment
    ) throws {
        try deliver(isBinary: isBinary, to: path, environment: environment) { sink in
            _ = output.withBytes(sink)
        }
    }

    /// Delivers what `produce` hands its sink, a part at a time (the sink returns false once
    /// a write failed; the failure is then thrown here).
    static func deliver(
        isBinary: Bool, to path: String?, environment: CLIEnvironment,
        producing produce: ((UnsafeBufferPointer<UInt8>) -> Bool) throws -> Void
    ) throws {
        if let path, path != "-" {
            return try OutputFile.write(to: path, environment: environment, producing: produce)
        }
        if isBinary, environment.isStandardOutputTerminal {
            throw CLIFailure(
                .outputNotWritten,
                "refusing to write binary output to a terminal; use -o FILE or a pipe")
        }
        var failure: (any Error)?
        try produce { chunk in
            do {
                try environment.writeStandardOutput(Array(chunk))
                return true
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
    }
}

/// Format names for `--to`, `--from` and `--list-formats`, all from the registries.
enum FormatList {
    static var text: String {
        var out = "Input formats (--from):\n"
        for r in Readers.all { out += "  \(r.format.padding(12)) \(r.summary)\n" }
        out += "Output formats (--to):\n"
        for w in Writers.all {
            let ext = w.fileExtensions.map { "." + $0 }.joined(separator: " ")
            out += "  \(w.format.padding(12)) \(w.summary) [\(ext)]\n"
        }
        return out
    }

    /// The writer `--to` names, else the one `-o`'s file name ending selects.
    static func writer(to: String?, output: String?) throws -> any Writer {
        if let to {
            do {
                return try Writers.named(to)
            } catch {
                throw Pipeline.failure(for: error)
            }
        }
        let known = Writers.names.joined(separator: ", ")
        if let output, output != "-" {
            if let writer = Writers.forFileName(output) { return writer }
            let name = output.split(separator: "/").last.map(String.init) ?? output
            let ending = name.firstIndex(of: ".").map { String(name[$0...]) } ?? "(none)"
            throw CLIFailure(
                .unknownFormat,
                "cannot tell the format from -o's ending '\(ending)'; give --to (known: \(known))")
        }
        throw CLIFailure(.usage, "missing --to FORMAT (known: \(known))")
    }
}
