import Foundation
import LwkdCheck
import LwkdModel
import LwkdReaders
import Synchronization

/// Reads posts for `check` and for the publishing guard of the other commands: the same
/// decoding and readers as every conversion, with the syntax outline recorded.
package enum CheckLoader {
    /// A post read from `path` (or standard input), and whether its file began with a BOM.
    package static func load(
        _ path: String, from format: String?, site: Site, environment: CLIEnvironment
    ) throws -> (post: CheckedPost, hasBOM: Bool) {
        let raw = try InputLoader.bytes(of: path, environment: environment)
        return (try read(raw, path: path, from: format, site: site), raw.starts(with: bom))
    }

    /// The UTF-8 byte-order mark, kept when `--fix` writes a file that had one.
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// A post read from bytes.
    package static func read(_ raw: [UInt8], path: String, from format: String?, site: Site) throws
        -> CheckedPost
    {
        do {
            return try CheckedPost.read(raw, path: path, format: format, site: site)
        } catch {
            throw InputLoader.failure(for: error)
        }
    }
}

/// Rule settings for a post: the nearest `.lwkdconv.yml` at or above its folder, then
/// `--rule` options, which win.
package final class CheckSettings: Sendable {
    let commandLine: [String: Severity?]
    private let files = Mutex<[String: [String: Severity?]]>([:])

    package init(rules: [String]) throws {
        var settings: [String: Severity?] = [:]
        for text in rules {
            do {
                let (id, severity) = try CheckConfig.parseRule(text)
                settings[id] = .some(severity)
            } catch {
                throw CLIFailure(.usage, error.description)
            }
        }
        commandLine = settings
    }

    /// The severities that apply to the post at `path`.
    package func severities(for path: String, environment: CLIEnvironment) throws -> [String:
        Severity?]
    {
        var merged = try fileSettings(for: path, environment: environment)
        for (id, severity) in commandLine { merged[id] = .some(severity) }
        return merged
    }

    private func fileSettings(for path: String, environment: CLIEnvironment) throws -> [String:
        Severity?]
    {
        var folder =
            path == "-"
            ? environment.currentDirectory
            : (InputLoader.resolve(path, in: environment) as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if path != "-",
            FileManager.default.fileExists(
                atPath: InputLoader.resolve(path, in: environment), isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            folder = InputLoader.resolve(path, in: environment)
        }
        for _ in 0..<32 {
            let candidate = folder + "/.lwkdconv.yml"
            if let known = files.withLock({ $0[candidate] }) { return known }
            if FileManager.default.fileExists(atPath: candidate) {
                guard let data = FileManager.default.contents(atPath: candidate) else {
                    throw CLIFailure(.unreadableInput, "\(candidate): cannot read file")
                }
                do {
                    let parsed = try CheckConfig.parseFile(
                        String(decoding: data, as: UTF8.self), path: candidate)
                    files.withLock { $0[candidate] = parsed }
                    return parsed
                } catch {
                    throw CLIFailure(.usage, error.description)
                }
            }
            let parent = (folder as NSString).deletingLastPathComponent
            if parent == folder || parent.isEmpty { break }
            folder = parent
        }
        return [:]
    }
}

/// The date and template rules that `send` runs before mailing, and whose errors `convert`,
/// `digest` and `feed` print as warnings.
package struct PublishingGuard: Sendable {
    let settings: CheckSettings
    let now: PostDate
    /// Passes a post marked `published: false` without a look (`feed` leaves it out).
    var skipsUnpublished = false

    package init(settings: CheckSettings, now: PostDate = SendClock.now()) {
        self.settings = settings
        self.now = now
    }

    /// The error-level findings of the rules that guard publishing.
    package func errors(in post: CheckedPost, environment: CLIEnvironment) throws -> [Finding] {
        let checker = Checker(
            now: now, severities: try settings.severities(for: post.path, environment: environment),
            includes: { $0.guardsPublishing })
        return checker.findings(in: post).filter { $0.severity == .error }
    }
}
