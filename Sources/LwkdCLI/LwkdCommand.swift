import ArgumentParser
import Foundation
import LwkdModel
import LwkdReaders
import LwkdWriters

/// The `lwkdconv` root command: `convert` is the default, so `lwkdconv post.md --to epub` works.
public struct LwkdCommand: ParsableCommand {
    /// The version printed by `--version`.
    public static let version = "0.1.0"

    public static let configuration = rootConfiguration(
        send: SendHandOff.self, preview: PreviewHandOff.self)

    /// The root's configuration with `send` and `preview` as given: here, the entries that hand
    /// off to `lwkdconv-net`; in `lwkdconv-net`, the commands themselves.
    package static func rootConfiguration(
        send: any ParsableCommand.Type, preview: any ParsableCommand.Type
    ) -> CommandConfiguration {
        CommandConfiguration(
            commandName: "lwkdconv",
            abstract:
                "Publish a Last Week in Kubernetes Development post in every form its readers use.",
            discussion: """
                EXAMPLES:
                  lwkdconv post.md --to epub -o post.epub
                  lwkdconv post.md -o post.json            (format from the extension)
                  cat post.txt | lwkdconv - --from plain --to markdown
                  lwkdconv --list-formats
                  lwkdconv check _posts                    (dates, template leftovers, link typos)
                  lwkdconv feed _posts -o feed.xml         (the site's Atom feed)
                  lwkdconv preview post.md --open          (every edition, live, in the browser)
                  lwkdconv digest corpus --year 2022 -o lwkd-2022.epub --resource-path corpus

                EXIT CODES:
                \(LwkdExitCode.table)
                """,
            version: version,
            subcommands: [
                ConvertCommand.self, NewCommand.self, CheckCommand.self, StampCommand.self,
                DigestCommand.self, FeedCommand.self, send, DKIMCommand.self, preview,
            ],
            defaultSubcommand: ConvertCommand.self
        )
    }

    public init() {}
}

/// Runs the CLI in-process and returns the exit code; `main.swift` and the command tests call it.
public enum LwkdMain {
    /// Parses `arguments` (without the program name), runs the command and reports errors.
    public static func run(_ arguments: [String], environment: CLIEnvironment = .process) -> Int32 {
        run(arguments, environment: environment, root: LwkdCommand.self, handsOff: true)
    }

    /// Runs `arguments` with `root` as the command tree. With `handsOff`, `send` and `preview`
    /// go to `lwkdconv-net` (``HandOff``); `lwkdconv-net` runs them itself.
    package static func run<Root: ParsableCommand>(
        _ arguments: [String], environment: CLIEnvironment, root: Root.Type, handsOff: Bool
    ) -> Int32 {
        CLIEnvironment.$current.withValue(environment) {
            do {
                if let text = FastConvert.version(arguments) ?? rootHelp(for: arguments) {
                    try environment.writeStandardOutput(Array(text.utf8))
                    return LwkdExitCode.success.rawValue
                }
                try checkCommandWord(arguments, environment: environment)
                if handsOff, let name = HandOff.command(in: arguments) {
                    try HandOff.exec(arguments, command: name, environment: environment)
                }
                if let job = FastConvert.job(arguments, commandNames: commandNames) {
                    try job.run(in: environment)
                    return LwkdExitCode.success.rawValue
                }
                var command = try directSubcommand(arguments, root: Root.self)
                    ?? Root.parseAsRoot(arguments)
                try command.run()
                return LwkdExitCode.success.rawValue
            } catch let failure as CLIFailure {
                environment.error("lwkdconv: " + failure.message)
                return failure.code.rawValue
            } catch let code as ExitCode {
                return code.rawValue
            } catch {
                let message = Root.fullMessage(for: error)
                let code = Root.exitCode(for: error)
                if code == .success {
                    do {
                        try environment.writeStandardOutput(Array((message + "\n").utf8))
                    } catch {
                        environment.error("lwkdconv: \(error)")
                        return LwkdExitCode.outputNotWritten.rawValue
                    }
                    return 0
                }
                environment.error(message)
                return code == .validationFailure ? LwkdExitCode.usage.rawValue : code.rawValue
            }
        }
    }
}

extension LwkdMain {
    /// Ends the process with `code`.
    public static func exit(_ code: Int32) -> Never {
        Foundation.exit(code)
    }
}

extension LwkdMain {
    /// The command words, for suggestions and for telling a command from a post. Spelled out,
    /// not read from the configurations: building those costs every conversion about a third
    /// of a millisecond at start-up. `LwkdCommandTests` checks the two agree.
    static let commandNames = [
        "convert", "new", "check", "stamp", "digest", "feed", "send", "dkim", "preview", "help",
    ]

    /// The commands ``directSubcommand(_:root:)`` parses on their own.
    static let directCommands: Set<String> = ["new", "check", "stamp", "digest", "feed"]

    /// `lwkdconv check …`, `feed …`, `digest …`, `new …`, `stamp …`: the command parsed on its
    /// own instead of through the root (issue 14). The root's parse reflects over every
    /// command of the tree, about 20 million instructions (4 ms) a run before any work.
    ///
    /// Only for arguments that cannot ask for help, a version, a help dump or a completion
    /// script (those texts name the whole tool). When the command's own parse fails, nil:
    /// the root parses again, so every usage message stays exactly the root's.
    static func directSubcommand<Root: ParsableCommand>(_ arguments: [String], root: Root.Type)
        -> (any ParsableCommand)?
    {
        guard let first = arguments.first, directCommands.contains(first),
            let index = commandNames.firstIndex(of: first),
            index < Root.configuration.subcommands.count
        else { return nil }
        let rest = arguments.dropFirst()
        for argument in rest {
            if argument == "--" { break }
            if argument == "help" || argument.hasPrefix("--help") || argument.hasPrefix("--version")
                || argument.hasPrefix("--generate-completion-script")
                || argument.hasPrefix("--experimental-dump-help")
                // -h, or a cluster of short flags with h in it (-qh)
                || (argument.hasPrefix("-") && !argument.hasPrefix("--") && argument.contains("h"))
            {
                return nil
            }
        }
        let command = Root.configuration.subcommands[index]
        guard command.configuration.commandName == first else { return nil }
        return try? command.parseAsRoot(Array(rest))
    }

    /// The command words as the root's configuration lists them.
    static var configuredCommandNames: [String] {
        LwkdCommand.configuration.subcommands.map { $0.configuration.commandName ?? "" }
            + ["help"]
    }

    /// `lwkdconv --help`: the conversion's own options first (it is the default command),
    /// then the other commands and the exit codes.
    static func rootHelp(for arguments: [String]) -> String? {
        guard arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] else {
            return nil
        }
        var text = LwkdCommand.configuration.abstract + "\n\n"
        text += LwkdCommand.helpMessage(for: ConvertCommand.self)
            .replacingOccurrences(of: "lwkdconv convert ", with: "lwkdconv [convert] ")
        if !text.hasSuffix("\n") { text += "\n" }
        text += "\nCOMMANDS:\n"
        for command in LwkdCommand.configuration.subcommands {
            let name = command.configuration.commandName ?? ""
            text += "  \(name.padding(10)) \(command.configuration.abstract)\n"
        }
        text += "\n  See 'lwkdconv help <command>' for a command's own options.\n\n"
        text += LwkdCommand.configuration.discussion + "\n"
        return text
    }

    /// `lwkdconv sned post.md` is a mistyped command, not a post called `sned`: the first
    /// argument, when it is a bare word that names no file, must be a command.
    static func checkCommandWord(_ arguments: [String], environment: CLIEnvironment) throws {
        guard let first = arguments.first, !first.hasPrefix("-"), !first.contains("."),
            !first.contains("/"), !commandNames.contains(first)
        else { return }
        let full = InputLoader.resolve(first, in: environment)
        guard !FileManager.default.fileExists(atPath: full) else { return }
        let known = commandNames.filter { $0 != "help" }
        let nearest = known.map { ($0, Text.editDistance($0, first.lowercased())) }
            .min { $0.1 < $1.1 }
        var message = "unknown command '\(first)'"
        if let (name, distance) = nearest, distance <= max(2, first.count / 3) {
            message += "; did you mean '\(name)'?"
        }
        message += " (commands: \(known.joined(separator: ", ")); a post is a file path)"
        throw CLIFailure(.usage, message)
    }
}
