import ArgumentParser
import Foundation
import LwkdReaders
import LwkdWriters

/// The `lwkdconv` root command: `convert` is the default, so `lwkdconv post.md --to epub` works.
public struct LwkdCommand: ParsableCommand {
    /// The version printed by `--version`.
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "lwkdconv",
        abstract:
            "Publish a Last Week in Kubernetes Development post in every form its readers use.",
        discussion: """
            EXAMPLES:
              lwkdconv post.md --to epub -o post.epub
              lwkdconv post.md -o post.json            (format from the extension)
              cat post.txt | lwkdconv - --from plain --to markdown
              lwkdconv --list-formats
              lwkdconv feed _posts -o feed.xml         (the site's Atom feed)
              lwkdconv digest corpus --year 2022 -o lwkd-2022.epub --resource-path corpus

            EXIT CODES:
            \(LwkdExitCode.table)
            """,
        version: version,
        subcommands: [ConvertCommand.self, DigestCommand.self, FeedCommand.self, SendCommand.self],
        defaultSubcommand: ConvertCommand.self
    )

    public init() {}
}

/// Runs the CLI in-process and returns the exit code; `main.swift` and the command tests call it.
public enum LwkdMain {
    /// Parses `arguments` (without the program name), runs the command and reports errors.
    public static func run(_ arguments: [String], environment: CLIEnvironment = .process) -> Int32 {
        CLIEnvironment.$current.withValue(environment) {
            do {
                var command = try LwkdCommand.parseAsRoot(arguments)
                try command.run()
                return LwkdExitCode.success.rawValue
            } catch let failure as CLIFailure {
                environment.error("lwkdconv: " + failure.message)
                return failure.code.rawValue
            } catch let code as ExitCode {
                return code.rawValue
            } catch {
                let message = LwkdCommand.fullMessage(for: error)
                let code = LwkdCommand.exitCode(for: error)
                if code == .success {
                    environment.writeStandardOutput(Array((message + "\n").utf8))
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
