import Foundation
import LwkdMail
import LwkdModel
import LwkdWriters
import Synchronization

/// `lwkdconv PATH… --to FORMAT -o DIR/`: many posts in one run, one output each, converted on
/// every core with exactly the steps of a single conversion.
struct BatchConvert {
    let pipeline: Pipeline
    let writer: any Writer
    let keepGoing: Bool
    /// `--from`: the input format of every post, detected when nil.
    let from: String?
    /// Signs each mail message (`--dkim-key`).
    let signer: DKIMSigner?

    /// A mail message with its DKIM signature.
    static func signed(_ output: Output, with signer: DKIMSigner) throws -> Output {
        do {
            return .text(String(decoding: try signer.sign(output.bytes), as: UTF8.self))
        } catch {
            throw CLIFailure(.outputNotWritten, "cannot sign the message: \(error)")
        }
    }

    /// True when `-o` names a folder: it ends with `/` or is an existing directory.
    static func isFolder(_ output: String?, environment: CLIEnvironment) -> Bool {
        guard let output, output != "-" else { return false }
        if output.hasSuffix("/") { return true }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(
            atPath: InputLoader.resolve(output, in: environment), isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// The output path of `post` in `folder`: the post's file name with the format's ending.
    func outputPath(for input: String, in folder: String) -> String {
        let name = (input as NSString).lastPathComponent
        let stem = name.firstIndex(of: ".").map { String(name[..<$0]) } ?? name
        let ending = writer.fileExtensions.first ?? writer.format
        return (folder.hasSuffix("/") ? folder : folder + "/") + stem + "." + ending
    }

    func run(_ found: [PostFinder.Found], into folder: String) throws {
        let environment = pipeline.environment
        let targets = found.map { outputPath(for: $0.path, in: folder) }
        try refuseCollisions(found, targets)
        let full = InputLoader.resolve(folder, in: environment)
        do {
            try FileManager.default.createDirectory(
                atPath: full, withIntermediateDirectories: true)
        } catch {
            throw CLIFailure(.outputNotWritten, "\(folder): cannot create the folder")
        }
        let context = try pipeline.context(for: writer)

        // Convert every post on every core; each keeps its own messages, reported in order.
        let results = Mutex(
            [(output: Result<Output, any Error>, diagnostics: [Diagnostic])?](
                repeating: nil, count: found.count))
        let (pipeline, writer, from, signer) = (pipeline, writer, from, signer)
        DispatchQueue.concurrentPerform(iterations: found.count) { index in
            let sink = DiagnosticSink()
            var own = context
            own.diagnostics = sink
            let output = Result<Output, any Error> {
                let post = try InputLoader.post(
                    at: found[index].path, from: from, metadata: pipeline.metadata,
                    site: pipeline.site, environment: environment, diagnostics: sink,
                    guarding: pipeline.guarding)
                let output: Output
                do {
                    output = try writer.write(writer.prepared(post, in: own), in: own)
                } catch let error as WriteError {
                    throw Pipeline.failure(for: error)
                }
                return try signer.map { try BatchConvert.signed(output, with: $0) } ?? output
            }
            results.withLock { $0[index] = (output, sink.drain()) }
        }

        var progress = ProgressBar(
            total: found.count,
            isEnabled: environment.isStandardErrorTerminal && !pipeline.common.quiet,
            environment: environment)
        var outputs: [(String, Output)] = []
        var failures: [CLIFailure] = []
        for (index, result) in results.withLock({ $0 }).enumerated() {
            guard let result else { continue }
            progress.advance(label: (found[index].path as NSString).lastPathComponent)
            for diagnostic in result.diagnostics { pipeline.diagnostics.report(diagnostic) }
            switch result.output {
            case .success(let output): outputs.append((targets[index], output))
            case .failure(let failure as CLIFailure): failures.append(failure)
            case .failure(let error):
                failures.append(CLIFailure(.unreadableInput, "\(found[index].path): \(error)"))
            }
        }
        progress.finish()
        if let first = failures.first, !keepGoing {
            try? pipeline.report()
            throw first
        }
        for failure in failures { pipeline.diagnostics.warn("skipped: \(failure.message)") }
        // `--strict` refuses before anything is written, as for one post.
        try pipeline.report()
        for (path, output) in outputs {
            try pipeline.deliver(output, of: writer, to: path)
        }
        if let first = failures.first {
            throw CLIFailure(
                first.code,
                "\(failures.count) of \(found.count) posts skipped (above); \(outputs.count) written to \(folder)"
            )
        }
    }

    /// Two posts that would write one file, or an output that would replace its own input.
    private func refuseCollisions(_ found: [PostFinder.Found], _ targets: [String]) throws {
        let environment = pipeline.environment
        var seen: [String: String] = [:]
        let inputs = Set(found.map { URL(fileURLWithPath: InputLoader.resolve($0.path, in: environment)).standardized.path })
        for (item, target) in zip(found, targets) {
            let key = URL(fileURLWithPath: InputLoader.resolve(target, in: environment))
                .standardized.path
            if inputs.contains(key) {
                throw CLIFailure(
                    .usage, "\(item.path): its output \(target) would replace the post itself")
            }
            if let other = seen[key] {
                throw CLIFailure(
                    .usage, "\(other) and \(item.path) would both write \(target); convert them separately")
            }
            seen[key] = item.path
        }
    }
}
