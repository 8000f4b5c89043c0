import ArgumentParser
import LwkdCLI

/// The whole command tree with `send` and `preview` themselves: `lwkdconv-net`'s root, and the
/// tree its man page and shell completions are made from.
public struct LwkdNetCommand: ParsableCommand {
    public static let configuration = LwkdCommand.rootConfiguration(
        send: SendCommand.self, preview: PreviewCommand.self)

    public init() {}
}

/// `lwkdconv-net`: runs `send` and `preview`, which `lwkdconv` hands to it, and every other
/// command as `lwkdconv` does, so the tests run the whole tool in one process through it.
public enum LwkdNetMain {
    /// Parses `arguments` (without the program name), runs the command, returns the exit code.
    public static func run(_ arguments: [String], environment: CLIEnvironment = .process) -> Int32 {
        LwkdMain.run(
            arguments, environment: environment, root: LwkdNetCommand.self, handsOff: false)
    }
}
