import ArgumentParser
import Foundation
import LwkdMail
import LwkdModel
import LwkdThemes
import LwkdWriters

/// Options whose values go into message headers or SMTP commands unencoded (URLs, ids, host
/// names): a CR or LF in one would forge a header (`Bcc:`) or a command (`RCPT TO`).
package enum HeaderOptions {
    /// Throws a usage error naming the first option whose value cannot go into a header.
    package static func check(_ options: KeyValuePairs<String, String?>) throws {
        for (option, value) in options {
            guard let value, let problem = MIMEHeader.valueProblem(value) else { continue }
            throw ValidationError("\(option) '\(value.escapingControls)' refused: \(problem)")
        }
    }
}

/// Options for the themed and e-mail writers (`html-email`, `eml`).
package struct EmailOptions: ParsableArguments {
    package init() {}

    @Option(help: "Theme name (from themes/) or theme folder path.")
    package var theme: String = EmailOptions.defaultTheme

    @Option(
        help:
            "Unsubscribe URL for the footer and, if https, eml's one-click List-Unsubscribe (default: a mailto: to the sender, and no List-Unsubscribe; pass '{{unsubscribe_url}}' for a sending service to fill in)."
    )
    var unsubscribeURL: String?

    @Option(help: "eml: the From address.")
    var fromAddress: String = EmailOptions.defaultFromAddress

    @Option(help: "eml: the To address.")
    var toAddress: String = EmailOptions.defaultToAddress

    @Option(help: "eml: the Subject (default: LWKD: Week Ending <Month> <D>, <YYYY>).")
    var subject: String?

    @Option(help: "eml: the Date, as YYYY-MM-DD[ HH:MM[:SS] [±HHMM]] (default: the post's date).")
    package var date: String?

    package func validate() throws {
        try HeaderOptions.check(["--unsubscribe-url": unsubscribeURL])
        if let date, PostDate(parsing: date) == nil {
            throw ValidationError("--date must look like 2026-08-06 or 2026-08-06 22:00:00 -0000")
        }
    }

    /// The writer options these and the plain-text options give.
    package func writerOptions(plain: PlainOptions) -> WriterOptions {
        Self.writerOptions(
            unsubscribeURL: unsubscribeURL, fromAddress: fromAddress, toAddress: toAddress,
            subject: subject, date: date, referenceLocation: plain.referenceLocation,
            isFlowed: plain.flowed)
    }

    /// The writer options for these values; `--date` as given (already validated).
    static func writerOptions(
        unsubscribeURL: String? = nil, fromAddress: String = defaultFromAddress,
        toAddress: String = defaultToAddress, subject: String? = nil, date: String? = nil,
        referenceLocation: String = PlainOptions.defaultReferenceLocation, isFlowed: Bool = false
    ) -> WriterOptions {
        WriterOptions(
            unsubscribeURL: unsubscribeURL, fromAddress: fromAddress, toAddress: toAddress,
            subject: subject, date: date.flatMap(PostDate.init(parsing:)),
            referenceLocation: referenceLocation, isFlowed: isFlowed)
    }

    /// The defaults, shared with ``FastConvert``, which builds the same writer options
    /// without ArgumentParser when none of these options is given.
    static let defaultTheme = "default"
    static let defaultFromAddress = "LWKD <lwkd@lwkd.info>"
    static let defaultToAddress = "LWKD readers <subscribers@lwkd.info>"

    /// The writer options when no e-mail, plain-text or announcement option is given.
    static var defaultWriterOptions: WriterOptions {
        SocialOptions.applied(
            platform: SocialOptions.defaultPlatform, hashtags: nil, facts: [],
            socialFormat: SocialOptions.defaultSocialFormat,
            to: writerOptions())
    }

    /// Loads `--theme` from a path or the theme folders (see ``themeSearchPaths(currentDirectory:)``).
    func loadTheme(currentDirectory: String) throws -> Theme {
        try EmailOptions.loadTheme(theme, currentDirectory: currentDirectory)
    }

    /// Loads a theme by name (from the theme folders) or by path (relative to
    /// `currentDirectory`); every command with a `--theme` option calls this.
    package static func loadTheme(_ theme: String, currentDirectory: String) throws -> Theme {
        let loader = ThemeLoader(
            searchPaths: EmailOptions.themeSearchPaths(currentDirectory: currentDirectory))
        let name =
            theme.hasPrefix("/") || !(theme.contains("/") || theme.hasPrefix("."))
            ? theme : currentDirectory + "/" + theme
        do {
            return try loader.load(name)
        } catch {
            throw CLIFailure(.theme, error.description)
        }
    }

    /// `$LWKD_THEMES`, `./themes`, then `themes/` beside the executable's package or prefix.
    static func themeSearchPaths(currentDirectory: String) -> [String] {
        var paths: [String] = []
        if let env = ProcessInfo.processInfo.environment["LWKD_THEMES"], !env.isEmpty {
            paths.append(env)
        }
        paths.append(currentDirectory + "/themes")
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
            .resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        paths.append(directory.appendingPathComponent("../share/lwkdconv/themes").standardized.path)
        // A build tree: .build/<triple>/<config>/lwkdconv inside the package.
        for _ in 0..<4 {
            directory.deleteLastPathComponent()
            let candidate = directory.appendingPathComponent("themes").path
            if FileManager.default.fileExists(atPath: candidate + "/default/theme.json") {
                paths.append(candidate)
                break
            }
        }
        // The package the tests are built from.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "themes"
            ).path
        paths.append(source)
        var seen: Set<String> = []
        return paths.filter { seen.insert($0).inserted }
    }
}
