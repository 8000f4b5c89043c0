import ArgumentParser
import LwkdModel
import LwkdWriters

/// Options every converting command shares.
package struct CommonOptions: ParsableArguments {
    package init() {}

    @Option(
        name: [.customShort("M"), .long], help: "Override front matter: key=value (repeatable).")
    var metadata: [String] = []

    @Option(
        name: [.customShort("V"), .long], help: "Set a template variable: key=value (repeatable).")
    var variable: [String] = []

    @Option(
        help:
            "Site URL that relative links and permalinks resolve against (default: https://lwkd.info)."
    )
    var baseURL: String?

    @Option(help: "Wrap width for text output.")
    var columns: Int = 72

    @Option(
        name: .customLong("resource-path"),
        help: ArgumentHelp(
            "A directory images are read from (repeatable); /2018/images/x.png and relative paths resolve inside it.",
            valueName: "dir"))
    package var resourcePath: [String] = []

    @Flag(help: "Fail (exit 3) when any warning is reported.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print no warnings or progress.")
    package var quiet = false

    package func validate() throws {
        if let problem = settings.problem { throw ValidationError(problem) }
    }

    /// The values given, as plain settings the pipeline runs on.
    var settings: CommonSettings {
        CommonSettings(
            metadata: metadata, variable: variable, baseURL: baseURL, columns: columns,
            resourcePath: resourcePath, strict: strict, quiet: quiet)
    }

    /// The site posts belong to: `--base-url`, else the newsletter's own.
    package var site: Site { settings.site }
}

/// The values of ``CommonOptions`` as a plain value: what the pipeline runs on, whether the
/// arguments went through ArgumentParser or through ``FastConvert``'s common case.
struct CommonSettings: Sendable {
    var metadata: [String] = []
    var variable: [String] = []
    var baseURL: String? = nil
    var columns = 72
    var resourcePath: [String] = []
    var strict = false
    var quiet = false

    /// What is wrong with these values, as the one-line usage message; nil when they are fine.
    var problem: String? {
        guard columns >= 20 else { return "--columns must be at least 20" }
        guard URLText.hasScheme(baseURL ?? Site.lwkd.baseURL) else {
            return "--base-url must be an absolute URL such as https://lwkd.info"
        }
        return nil
    }

    /// The site posts belong to: `--base-url`, else the newsletter's own.
    var site: Site {
        Site(baseURL: baseURL ?? Site.lwkd.baseURL, name: Site.lwkd.name)
    }

    /// The parsed `--metadata` pairs.
    func metadataPairs() throws -> [(String, String)] { try metadata.map(MetaOverride.parse) }

    /// A write context with these options applied.
    func context(diagnostics: DiagnosticSink) throws -> WriteContext {
        var variables: [String: String] = [:]
        for pair in variable {
            let (key, value) = try MetaOverride.parse(pair)
            variables[key] = value
        }
        variables["base-url"] = site.baseURL
        return WriteContext(
            columns: columns, variables: variables, generator: "lwkdconv \(LwkdCommand.version)",
            site: site,
            resources: try ResourcePaths.loader(
                for: resourcePath, environment: CLIEnvironment.current),
            diagnostics: diagnostics)
    }

    /// Prints diagnostics (unless quiet) and enforces `--strict`.
    func report(_ diagnostics: DiagnosticSink, environment: CLIEnvironment) throws {
        let all = diagnostics.drain()
        if !quiet { for d in all { environment.error("lwkdconv: \(d)") } }
        if strict, all.contains(where: { $0.severity >= .warning }) {
            throw CLIFailure(
                .strictWarnings, "warnings reported and --strict given; no output written")
        }
    }
}
