import ArgumentParser
import Foundation

/// `send` and `preview` live in their own executable, `lwkdconv-net`, with SwiftNIO, TLS and
/// the HTTP client: a conversion never maps, relocates or scans them at start-up (issue 14).
/// `lwkdconv send …` hands its arguments to it, git-style, by `execv`, so streams, exit codes
/// and signals are the helper's own.
package enum HandOff {
    /// The helper's file name.
    package static let helperName = "lwkdconv-net"

    /// The commands the helper runs, with the one-line summaries `lwkdconv --help` lists.
    package static let commands: [(name: String, abstract: String)] = [
        ("send", "Send a post to a subscriber list over SMTP (or sendmail, or into a directory)."),
        (
            "preview",
            "Serve a live page with every edition of a post side by side (127.0.0.1 only)."
        ),
    ]

    /// The summary of the helper's command `name`.
    package static func abstract(of name: String) -> String {
        commands.first { $0.name == name }?.abstract ?? ""
    }

    /// The helper command `arguments` ask for: `send …`, `preview …`, or `help send`.
    static func command(in arguments: [String]) -> String? {
        let names = commands.map(\.name)
        guard let first = arguments.first else { return nil }
        if names.contains(first) { return first }
        if first == "help", arguments.count >= 2, names.contains(arguments[1]) {
            return arguments[1]
        }
        return nil
    }

    /// Where the helper is looked for: beside this executable (a build folder, or
    /// `PREFIX/bin`), then in `PREFIX/libexec/lwkdconv`, where `make install` puts it.
    static func candidates(executable: String) -> [String] {
        let bin = (executable as NSString).deletingLastPathComponent
        let prefix = (bin as NSString).deletingLastPathComponent
        return [bin + "/" + helperName, prefix + "/libexec/lwkdconv/" + helperName]
    }

    /// Replaces this process with the helper, passing `arguments` on; returns only by throwing.
    static func exec(_ arguments: [String], command: String, environment: CLIEnvironment)
        throws -> Never
    {
        // In-process runs (tests) never replace their process: they run the helper's commands
        // through `LwkdNetMain`, which links them.
        guard environment.isProcess else {
            throw CLIFailure(.usage, "'\(command)' runs in \(helperName), not in this process")
        }
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        let places = candidates(executable: executable)
        guard let helper = places.first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else {
            throw CLIFailure(
                .usage,
                "'\(command)' needs \(helperName), which is not installed (looked for "
                    + places.joined(separator: " and ") + "); build it with `make release` "
                    + "or install both with `make install`")
        }
        let argv = ["lwkdconv"] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        execv(helper, &cArguments)
        let reason = String(cString: strerror(errno))
        for pointer in cArguments { free(pointer) }
        throw CLIFailure(.usage, "cannot run \(helper): \(reason)")
    }
}

/// `send` in `lwkdconv --help` and the command list; `lwkdconv send` never parses it, it hands
/// off to ``HandOff`` first.
struct SendHandOff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send", abstract: HandOff.abstract(of: "send"))
}

/// `preview` in `lwkdconv --help`; see ``SendHandOff``.
struct PreviewHandOff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview", abstract: HandOff.abstract(of: "preview"))
}
