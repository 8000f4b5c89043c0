import ArgumentParser
import Foundation
import LwkdMail
import LwkdModel
import LwkdReaders
import LwkdWriters

/// `lwkdconv INPUT --to FORMAT [-o OUTPUT]`: one post into one format; several posts, a
/// `_posts/` folder or a site folder with `-o DIR/`, one output each.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a post, or many into a folder (the default command).")

    @Argument(
        help:
            "The post to read, or - for standard input; several posts, a _posts/ folder or a site folder with -o DIR/."
    )
    var inputs: [String] = []

    @Option(
        name: [.customShort("t"), .long],
        help: "Output format (see --list-formats); inferred from -o's extension.")
    var to: String?

    @Option(
        name: [.customShort("f"), .long],
        help: ArgumentHelp(
            "Input format (\(Readers.all.map(\.format).joined(separator: ", "))); detected from content when omitted."
        ))
    var from: String?

    @Option(
        name: [.short, .long],
        help:
            "Output file, or a folder (DIR/) for one output per post; standard output when omitted."
    )
    var output: String?

    @Flag(help: "With several posts, skip one that fails (naming it) and exit non-zero at the end.")
    var keepGoing = false

    @Flag(help: "List input and output formats and exit.")
    var listFormats = false

    @OptionGroup var common: CommonOptions

    @OptionGroup var plain: PlainOptions

    @OptionGroup var email: EmailOptions

    @OptionGroup var dkim: DKIMOptions

    @OptionGroup var social: SocialOptions

    @OptionGroup var web: WebOptions

    func run() throws {
        let environment = CLIEnvironment.current
        if listFormats {
            try environment.writeStandardOutput(Array(FormatList.text.utf8))
            return
        }
        try job.run(in: environment)
    }

    /// What the parsed arguments ask for.
    var job: ConvertJob {
        ConvertJob(
            inputs: inputs, to: to, from: from, output: output, keepGoing: keepGoing,
            common: common.settings, theme: email.theme,
            writerOptions: web.applied(to: social.applied(to: email.writerOptions(plain: plain))),
            dkim: dkim, fromAddress: email.fromAddress)
    }
}

/// One `convert` run: one post into one format, or many into a folder.
///
/// ``ConvertCommand`` makes it from parsed arguments; ``FastConvert`` makes the same job for the common
/// `INPUT --to FORMAT -o OUTPUT` without ArgumentParser.
struct ConvertJob {
    var inputs: [String]
    var to: String?
    var from: String?
    var output: String?
    var keepGoing = false
    var common: CommonSettings
    var theme: String
    var writerOptions: WriterOptions
    /// `--dkim-key` and its options; nil when no key is given.
    var dkim: DKIMOptions?
    var fromAddress: String

    func run(in environment: CLIEnvironment) throws {
        guard let input = inputs.first else {
            throw CLIFailure(.usage, "missing INPUT (a post file, or - for standard input)")
        }
        let toFolder = BatchConvert.isFolder(output, environment: environment)
        if inputs.count > 1 || toFolder || Self.isDirectory(input, environment) {
            guard toFolder, let output else {
                let what =
                    inputs.count > 1 ? "several posts" : "\(input) is a folder of posts; they"
                throw CLIFailure(
                    .usage,
                    "\(what) need a folder for their outputs: give -o DIR/ (one file per post)")
            }
            guard let to else {
                throw CLIFailure(.usage, "missing --to FORMAT for the posts in \(output)")
            }
            let writer = try FormatList.writer(to: to, output: nil).configured(writerOptions)
            let pipeline = try Pipeline(common: common, theme: theme, environment: environment)
            let found = try PostFinder.find(inputs, environment: environment)
            if found.contains(where: { $0.path == "-" }) {
                throw CLIFailure(.usage, "standard input (-) cannot be one of several posts")
            }
            try BatchConvert(
                pipeline: pipeline, writer: writer, keepGoing: keepGoing, from: from,
                signer: try signer(for: writer, environment)
            ).run(found, into: output)
            return
        }
        let writer = try FormatList.writer(to: to, output: output).configured(writerOptions)
        let pipeline = try Pipeline(common: common, theme: theme, environment: environment)
        let post = try pipeline.load(input, from: from)
        let context = try pipeline.context(for: writer)
        let signer = try signer(for: writer, environment)
        // A message to sign is signed whole; any other output of a streaming writer goes out
        // a part at a time.
        if signer == nil, let streaming = writer as? any StreamingWriter {
            return try pipeline.stream(consume post, with: streaming, in: context, to: output)
        }
        var result = try pipeline.write(consume post, with: writer, in: context)
        if let signer {
            result = try BatchConvert.signed(result, with: signer)
        }
        try pipeline.deliver(result, of: writer, to: output)
    }

    /// The DKIM signer `--dkim-key` asks for; only a mail message can be signed.
    private func signer(for writer: any Writer, _ environment: CLIEnvironment) throws
        -> DKIMSigner?
    {
        guard let dkim,
            let signer = try dkim.signer(fromAddress: fromAddress, environment: environment)
        else { return nil }
        guard writer.isMailMessage else {
            throw CLIFailure(
                .usage, "--dkim-key signs mail messages; --to \(writer.format) is not one")
        }
        return signer
    }

    private static func isDirectory(_ path: String, _ environment: CLIEnvironment) -> Bool {
        var isDirectory: ObjCBool = false
        return path != "-"
            && FileManager.default.fileExists(
                atPath: InputLoader.resolve(path, in: environment), isDirectory: &isDirectory)
            && isDirectory.boolValue
    }
}
