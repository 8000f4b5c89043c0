import Foundation

/// Finds the repository's folders from a test file's `#filePath`.
public enum Repository {
    /// The repository root (the folder holding Package.swift).
    public static func root(from filePath: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(
                atPath: url.appendingPathComponent("Package.swift").path)
            {
                return url
            }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// The build folder the running tests were built into (`.build/debug`, `.build-asan/debug`,
    /// …), where SwiftPM also puts `lwkdconv` and `lwkdconv-net` of the same build: the folder
    /// of the test executable. A fixed `.build/debug` ran the debug binaries under `make asan`,
    /// or failed where there was no debug build.
    public static var builtProducts: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
    }

    /// `samples/` in the repository.
    public static var samples: URL { root().appendingPathComponent("samples") }

    /// The sample post files (not folders), sorted.
    public static var samplePosts: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: samples.path)) ?? []
        return names.sorted().map { samples.appendingPathComponent($0) }.filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0.path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
                && !$0.lastPathComponent.hasPrefix(".")
                && !$0.lastPathComponent.hasSuffix(".golden")
        }
    }

    /// The sibling `../shared` folder with the real corpus, or nil when this clone has none.
    public static var shared: URL? {
        if let env = ProcessInfo.processInfo.environment["LWKD_SHARED"] {
            return URL(fileURLWithPath: env)
        }
        // A clone sits beside shared/; a git worktree one level deeper.
        let parent = root().deletingLastPathComponent()
        for url in [
            parent.appendingPathComponent("shared"),
            parent.deletingLastPathComponent().appendingPathComponent("shared"),
        ]
        where FileManager.default.fileExists(
            atPath: url.appendingPathComponent("corpus/_posts").path)
        {
            return url
        }
        return nil
    }

    /// Every real post in `../shared/corpus/_posts`, sorted; empty when absent.
    public static var corpusPosts: [URL] {
        guard let shared else { return [] }
        let dir = shared.appendingPathComponent("corpus/_posts")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".md") }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// The seed posts in `../shared/seeds`, sorted; empty when absent.
    public static var seedPosts: [URL] {
        guard let shared else { return [] }
        let dir = shared.appendingPathComponent("seeds")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// The message printed when corpus-wide checks skip.
    public static let sharedMissing = "../shared is absent in this clone: corpus-wide check skipped"
}
