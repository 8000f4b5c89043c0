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
        help: ArgumentHelp(
            "Input format (\(Readers.all.map(\.format).joined(separator: ", "))); detected from content when omitted."
        ))
    var from: String?

    @Option(name: [.short, .long], help: "Output file; standard output when omitted.")
    var output: String?

    @Flag(help: "List input and output formats and exit.")
    var listFormats = false

    @OptionGroup var common: CommonOptions

    @OptionGroup var plain: PlainOptions

    @OptionGroup var email: EmailOptions

    @OptionGroup var social: SocialOptions

    func run() throws {
        let environment = CLIEnvironment.current
        if listFormats {
            try environment.writeStandardOutput(Array(FormatList.text.utf8))
            return
        }
        guard let input else {
            throw CLIFailure(.usage, "missing INPUT (a post file, or - for standard input)")
        }
        let writer = try FormatList.writer(to: to, output: output).configured(
            social.applied(to: email.writerOptions(plain: plain)))
        let pipeline = try Pipeline(common: common, theme: email.theme, environment: environment)
        let post = try pipeline.load(input, from: from)
        let context = try pipeline.context(for: writer)
        let result = try pipeline.write(post, with: writer, in: context)
        try pipeline.deliver(result, of: writer, to: output)
    }
}
