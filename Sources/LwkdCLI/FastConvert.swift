/// The common invocations, recognised without ArgumentParser.
///
/// Measured with `perf` (issue 14), ArgumentParser's set-up for the root command and
/// `convert` — reflecting every option group through `Mirror`, each first cast scanning the
/// binary's protocol conformances — took about half of a whole `post.md --to html -o x.html`
/// process. Editors run exactly that shape from hooks and watch loops, so it is read here
/// directly, and everything else goes to ArgumentParser as before.
///
/// The rule is narrow on purpose: only options whose meaning is a plain value are accepted,
/// each at most once, and any argument this does not know sends the whole command line to
/// ArgumentParser, which then parses, validates and reports it exactly as it always did. The
/// job built here is the one ``ConvertCommand/job`` builds for the same arguments (tested
/// option by option in `FastConvertTests`).
enum FastConvert {
    /// The options recognised; `spellings` gives each its long and short names.
    private enum Known: Hashable {
        case to, from, output, quiet, strict, keepGoing
    }

    private static let spellings: [String: Known] = [
        "--to": .to, "-t": .to, "--from": .from, "-f": .from, "--output": .output, "-o": .output,
        "--quiet": .quiet, "-q": .quiet, "--strict": .strict, "--keep-going": .keepGoing,
    ]

    /// `lwkdconv --version`'s output, without building the command tree.
    static func version(_ arguments: [String]) -> String? {
        arguments == ["--version"] ? LwkdCommand.version + "\n" : nil
    }

    /// The convert job `arguments` ask for, or nil when ArgumentParser must read them.
    static func job(_ arguments: [String], commandNames: [String]) -> ConvertJob? {
        var inputs: [String] = []
        var values: [Known: String] = [:]
        var flags: Set<Known> = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "-" || !argument.hasPrefix("-") {
                // A command word anywhere (`help`, `check`) is ArgumentParser's to interpret.
                guard !commandNames.contains(argument) else { return nil }
                inputs.append(argument)
                continue
            }
            var name = argument
            var attached: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                attached = String(argument[argument.index(after: equals)...])
            }
            guard let known = spellings[name] else { return nil }
            switch known {
            case .quiet, .strict, .keepGoing:
                guard attached == nil, flags.insert(known).inserted else { return nil }
            case .to, .from, .output:
                guard values[known] == nil else { return nil }
                let value: String
                if let attached {
                    value = attached
                } else {
                    guard index < arguments.count else { return nil }
                    value = arguments[index]
                    index += 1
                }
                // `-o -x`, an empty value or a value that looks like an option: let
                // ArgumentParser say what is wrong.
                guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
                values[known] = value
            }
        }
        guard !inputs.isEmpty else { return nil }
        var common = CommonSettings()
        common.quiet = flags.contains(.quiet)
        common.strict = flags.contains(.strict)
        return ConvertJob(
            inputs: inputs, to: values[.to], from: values[.from], output: values[.output],
            keepGoing: flags.contains(.keepGoing), common: common,
            theme: EmailOptions.defaultTheme, writerOptions: EmailOptions.defaultWriterOptions,
            dkim: nil, fromAddress: EmailOptions.defaultFromAddress)
    }
}
