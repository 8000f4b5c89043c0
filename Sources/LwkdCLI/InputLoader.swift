import Foundation
import LwkdCheck
import LwkdModel
import LwkdReaders

/// Reads an input path (or `-` for stdin) and turns it into a model, with every failure a
/// ``CLIFailure`` naming the file.
enum InputLoader {
    /// Reads the bytes of a path or stdin; `kind` says what the file is for in the messages
    /// that refuse a folder, a FIFO or a device.
    static func bytes(of path: String, environment: CLIEnvironment, kind: InputKind = .post)
        throws -> [UInt8]
    {
        if path == "-" { return environment.readStandardInput() }
        return try InputFile.read(resolve(path, in: environment), shownAs: path, kind: kind)
    }

    /// Reads and parses one input, then computes its facts once (`--metadata` applied first),
    /// reporting each fallback.
    ///
    /// With `guarding`, the errors of the rules that guard publishing (a date GitHub Pages will
    /// not publish yet, template bullets) are reported as warnings, so `--strict` fails on them.
    static func post(
        at path: String, from format: String?, metadata: [(String, String)], site: Site,
        environment: CLIEnvironment, diagnostics: DiagnosticSink, guarding: PublishingGuard? = nil
    ) throws -> Post {
        let raw = try bytes(of: path, environment: environment)
        var post: Post
        let text: String
        let reader: any Reader
        do {
            text = try SourceDecoder.decode(raw, path: path)
            reader = try Readers.forSource(text, named: format, path: path)
            var (document, map) = try reader.readMapped(
                Source(text: text, path: path),
                in: ReadContext(diagnostics: diagnostics, recordsOutline: guarding != nil))
            for (key, value) in metadata { document.meta[key] = MetaOverride.value(value) }
            post = Post(document: document, sourceMap: map, site: site, diagnostics: diagnostics)
        } catch {
            throw failure(for: error)
        }
        if let guarding {
            let checked = CheckedPost(
                path: path, bytes: Array(text.utf8), post: post, reader: reader)
            for finding in try guarding.errors(in: checked, environment: environment)
            // The facts already report a date they cannot read.
            where finding.rule != Rules.dateUnreadable.id {
                diagnostics.report(
                    Diagnostic(
                        .warning, "\(finding.message) [\(finding.rule)]", file: path,
                        at: finding.range))
            }
            // Only the rules above read the syntax outline; writers never do, and for a big
            // post it is as large as the model itself.
            post.sourceMap.outline = []
        }
        return post
    }

    static func failure(for error: ReadError) -> CLIFailure {
        if case .unknownFormat = error { return CLIFailure(.unknownFormat, error.description) }
        return CLIFailure(.unreadableInput, error.description)
    }

    static func resolve(_ path: String, in environment: CLIEnvironment) -> String {
        path.hasPrefix("/") ? path : environment.currentDirectory + "/" + path
    }
}

/// How `--metadata key=value` values are typed: booleans and numbers as YAML would read them.
enum MetaOverride {
    static func value(_ text: String) -> MetaValue {
        switch text {
        case "true": return .bool(value: true)
        case "false": return .bool(value: false)
        default:
            if PostDate(parsing: text) != nil, text.count > 10 { return .date(text: text) }
            return .string(value: text)
        }
    }

    /// Splits `key=value`.
    static func parse(_ pair: String) throws -> (String, String) {
        guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
            throw CLIFailure(.usage, "--metadata expects key=value, got '\(pair)'")
        }
        return (String(pair[..<eq]), String(pair[pair.index(after: eq)...]))
    }
}
