import ArgumentParser
import LwkdModel
import LwkdReaders
import LwkdWriters

/// `lwkdconv INPUT --to FORMAT [-o OUTPUT]`: one post into one format.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert one post (the default command).")

    @Argument(help: "The post to read, or - for standard input.")
    var input: String?

    @Option(
        name: [.customShort("t"), .long],
        help: "Output format (see --list-formats); inferred from -o's extension.")
    var to: String?

    @Option(
        name: [.customShort("f"), .long],
        help: "Input format: markdown, plain or json; detected from content when omitted.")
    var from: String?

    @Option(name: [.short, .long], help: "Output file; standard output when omitted.")
    var output: String?

    @Flag(help: "List input and output formats and exit.")
    var listFormats = false

    @OptionGroup var common: CommonOptions

    @OptionGroup var plain: PlainOptions

    @OptionGroup(title: "E-mail and theme options") var email: EmailOptions

    func run() throws {
        let environment = CLIEnvironment.current
        if listFormats {
            environment.writeStandardOutput(Array(FormatList.text.utf8))
            return
        }
        guard let input else {
            throw CLIFailure(.usage, "missing INPUT (a post file, or - for standard input)")
        }
        let writer = email.configure(plain.configure(try FormatList.writer(to: to, output: output)))
        let diagnostics = DiagnosticSink()
        let document = try InputLoader.document(
            at: input, from: from, metadata: try common.metadataPairs(), environment: environment,
            diagnostics: diagnostics)
        var context = try common.context(diagnostics: diagnostics)
        if writer.usesTheme {
            context.theme = try email.loadTheme(currentDirectory: environment.currentDirectory)
        }
        let result: Output
        do {
            result = try writer.write(document, in: context)
        } catch {
            try? common.report(diagnostics, environment: environment)
            throw FormatList.failure(for: error)
        }
        try common.report(diagnostics, environment: environment)
        try OutputSink.deliver(
            result, isBinary: writer.isBinary, to: output, environment: environment)
    }
}

/// Where converted output goes: a file (atomically) or standard output.
enum OutputSink {
    static func deliver(
        _ output: Output, isBinary: Bool, to path: String?, environment: CLIEnvironment
    ) throws {
        if let path, path != "-" {
            try OutputFile.write(output.bytes, to: path, environment: environment)
        } else {
            if isBinary, environment.isStandardOutputTerminal {
                throw CLIFailure(
                    .outputNotWritten,
                    "refusing to write binary output to a terminal; use -o FILE or a pipe")
            }
            environment.writeStandardOutput(output.bytes)
        }
    }
}

/// Format names for `--to`, `--from` and `--list-formats`.
enum FormatList {
    static var text: String {
        var out = "Input formats (--from):\n"
        for r in Readers.all { out += "  \(r.format.padding(12)) \(r.summary)\n" }
        out += "Output formats (--to):\n"
        for w in Writers.all { out += "  \(w.format.padding(12)) \(w.summary)\n" }
        return out
    }

    static func writer(to: String?, output: String?) throws -> any Writer {
        do {
            if let to { return try Writers.named(to) }
        } catch {
            throw failure(for: error)
        }
        if let output, let dot = output.lastIndex(of: "."), !output[dot...].contains("/") {
            let ext = String(output[output.index(after: dot)...])
            if let writer = Writers.forExtension(ext) { return writer }
            throw CLIFailure(
                .unknownFormat,
                "cannot infer --to from '.\(ext)' (known: \(Writers.all.map(\.format).joined(separator: ", ")))"
            )
        }
        throw CLIFailure(
            .usage,
            "missing --to FORMAT (known: \(Writers.all.map(\.format).joined(separator: ", ")))")
    }

    static func failure(for error: WriteError) -> CLIFailure {
        switch error {
        case .unknownFormat: CLIFailure(.unknownFormat, error.description)
        case .theme: CLIFailure(.theme, error.description)
        case .resource, .unsupported: CLIFailure(.outputNotWritten, error.description)
        }
    }
}
