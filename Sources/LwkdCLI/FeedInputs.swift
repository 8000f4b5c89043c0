import Foundation
import LwkdModel
import LwkdWriters
import Synchronization

/// Turns the `feed` command's arguments into posts: files as given, directories searched.
enum FeedInputs {
    /// File name endings of posts inside a directory.
    static let postExtensions: Set = ["md", "markdown", "txt"]

    /// Reads every post.
    ///
    /// A file named on the command line must be a dated post; a file found in a directory that
    /// has no date is skipped with a warning (a README, say).
    static func documents(
        from inputs: [String], format: String?, metadata: [(String, String)],
        environment: CLIEnvironment,
        diagnostics: DiagnosticSink
    ) throws -> [Document] {
        // Every path first (directory errors before any reading), then all posts read at once.
        var jobs: [(path: String, isFromDirectory: Bool)] = []
        for input in inputs {
            let full = InputLoader.resolve(input, in: environment)
            var isDirectory: ObjCBool = false
            guard input != "-",
                FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                jobs.append((input, false))
                continue
            }
            let paths = try postPaths(in: input, full: full)
            guard !paths.isEmpty else {
                throw CLIFailure(
                    .unreadableInput,
                    "\(input): no posts (*.md, *.markdown, *.txt) in this directory")
            }
            jobs += paths.map { ($0, true) }
        }
        let results = readConcurrently(
            jobs.map(\.path), format: format, metadata: metadata, environment: environment)
        var documents: [Document] = []
        for (job, result) in zip(jobs, results) {
            for diagnostic in result.diagnostics { diagnostics.report(diagnostic) }
            let document = try result.document.get()
            if AtomWriter.isDated(document) {
                documents.append(document)
            } else if job.isFromDirectory {
                diagnostics.warn(
                    "skipped: not a dated post (no 'date:', no YYYY-MM-DD- file name)",
                    file: job.path)
            } else {
                throw CLIFailure(
                    .unreadableInput,
                    "\(job.path): not a dated post: give it a 'date:' or a YYYY-MM-DD- file name")
            }
        }
        return documents
    }

    /// Reads and parses posts on every core (readers are pure); results and each post's
    /// diagnostics come back in the order of `paths`, so output and messages never vary.
    static func readConcurrently(
        _ paths: [String], format: String?, metadata: [(String, String)],
        environment: CLIEnvironment
    ) -> [(document: Result<Document, any Error>, diagnostics: [Diagnostic])] {
        let results = Mutex(
            [(document: Result<Document, any Error>, diagnostics: [Diagnostic])?](
                repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let sink = DiagnosticSink()
            let document = Result<Document, any Error> {
                try InputLoader.document(
                    at: paths[index], from: format, metadata: metadata, environment: environment,
                    diagnostics: sink)
            }
            results.withLock { $0[index] = (document, sink.drain()) }
        }
        return results.withLock { $0.compactMap { $0 } }
    }

    /// Post files under a directory, sorted; like Jekyll, names starting with `.`, `_` or `#`
    /// and names ending with `~` are ignored, in folders too.
    static func postPaths(in input: String, full: String) throws -> [String] {
        guard let names = FileManager.default.subpaths(atPath: full) else {
            throw CLIFailure(
                .unreadableInput, "\(input): cannot list directory (permission denied?)")
        }
        let prefix = input.hasSuffix("/") ? input : input + "/"
        return names.filter { relative in
            let parts = relative.split(separator: "/")
            guard
                !parts.contains(where: {
                    $0.hasPrefix(".") || $0.hasPrefix("_") || $0.hasPrefix("#") || $0.hasSuffix("~")
                }),
                let name = parts.last, let dot = name.lastIndex(of: "."),
                postExtensions.contains(name[name.index(after: dot)...].lowercased())
            else { return false }
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: full + "/" + relative, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }
        .sorted()
        .map { prefix + $0 }
    }
}
