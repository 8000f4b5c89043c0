import Foundation
import LwkdCheck
import LwkdModel
import LwkdReaders

/// Reads an input path (or `-` for stdin) and turns it into a model, with every failure a
/// ``CLIFailure`` naming the file.
package enum InputLoader {
    /// Reads the bytes of a path or stdin; `kind` says what the file is for in the messages
    /// that refuse a folder, a FIFO or a device.
    package static func bytes(of path: String, environment: CLIEnvironment, kind: InputKind = .post)
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
        var read = try self.read(
            at: path, from: format, metadata: metadata, site: site, environment: environment,
            diagnostics: diagnostics, recordsOutline: guarding != nil)
        if let guarding {
            try report(guarding, on: read, environment: environment, to: diagnostics)
            // Only the rules above read the syntax outline; writers never do, and for a big
            // post it is as large as the model itself.
            read.post.sourceMap.outline = []
        }
        return read.post
    }

    /// Runs the publishing guard on a post loaded without it, reading its file again (the
    /// guard needs the source text and the syntax outline, which loading did not keep):
    /// `feed` guards only the posts its `--limit` keeps. The second read's own messages were
    /// already reported by the first, so only the guard's warnings reach `diagnostics`.
    static func guardPublishing(
        _ post: Post, from format: String?, metadata: [(String, String)], site: Site,
        environment: CLIEnvironment, diagnostics: DiagnosticSink, guarding: PublishingGuard
    ) throws {
        guard let path = post.file, path != "-" else { return }
        let read = try self.read(
            at: path, from: format, metadata: metadata, site: site, environment: environment,
            diagnostics: DiagnosticSink(), recordsOutline: true)
        try report(guarding, on: read, environment: environment, to: diagnostics)
    }

    /// A post as read: the model, its source text and the reader that made it.
    private struct Read {
        let path: String
        var post: Post
        let text: String
        let reader: any Reader
    }

    private static func read(
        at path: String, from format: String?, metadata: [(String, String)], site: Site,
        environment: CLIEnvironment, diagnostics: DiagnosticSink, recordsOutline: Bool
    ) throws -> Read {
        let raw = try bytes(of: path, environment: environment)
        do {
            let text = try SourceDecoder.decode(raw, path: path)
            let reader = try Readers.forSource(text, named: format, path: path)
            var (document, map) = try reader.readMapped(
                Source(text: text, path: path),
                in: ReadContext(
                    diagnostics: diagnostics, recordsOutline: recordsOutline,
                    // Only the publishing guard reads this outline.
                    keepsInlines: Checker.publishingGuardKeepsInlines))
            for (key, value) in metadata { document.meta[key] = MetaOverride.value(value) }
            let post = Post(
                document: document, sourceMap: map, site: site, diagnostics: diagnostics)
            return Read(path: path, post: post, text: text, reader: reader)
        } catch {
            throw failure(for: error)
        }
    }

    /// The guard's errors on `read`, as warnings.
    private static func report(
        _ guarding: PublishingGuard, on read: Read, environment: CLIEnvironment,
        to diagnostics: DiagnosticSink
    ) throws {
        if guarding.skipsUnpublished, case .bool(false)? = read.post.document.meta["published"] {
            return
        }
        let path = read.path
        let checked = CheckedPost(
            path: path, bytes: Array(read.text.utf8), post: read.post, reader: read.reader)
        for finding in try guarding.errors(in: checked, environment: environment)
        // The facts already report a date they cannot read.
        where finding.rule != Rules.dateUnreadable.id {
            diagnostics.report(
                Diagnostic(
                    .warning, "\(finding.message) [\(finding.rule)]", file: path,
                    at: finding.range))
        }
    }

    static func failure(for error: ReadError) -> CLIFailure {
        if case .unknownFormat = error { return CLIFailure(.unknownFormat, error.description) }
        return CLIFailure(.unreadableInput, error.description)
    }

    package static func resolve(_ path: String, in environment: CLIEnvironment) -> String {
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
