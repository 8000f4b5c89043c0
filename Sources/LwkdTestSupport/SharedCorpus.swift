import Foundation

/// The real posts in `<repository>/../shared`, which the project's own tests must not need:
/// corpus tests skip with a message when it is absent.
public enum SharedCorpus {
    /// `<root>/../shared`, when it exists (or `<root>/../../shared`, for a git worktree kept
    /// one folder deeper than the main checkout).
    public static var directory: URL? {
        var parent = Repository.root().deletingLastPathComponent()
        for _ in 0..<2 {
            let url = parent.appendingPathComponent("shared")
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("corpus").path) {
                return url
            }
            parent = parent.deletingLastPathComponent()
        }
        return nil
    }

    /// Why corpus tests are skipped, or nil when the corpus is present.
    public static var absence: String? {
        directory == nil ? "../shared is absent: corpus test skipped" : nil
    }

    /// Every `corpus/_posts/*.md` as (file name, text), sorted by name; empty when absent.
    public static func posts() -> [(name: String, text: String)] {
        guard let folder = directory?.appendingPathComponent("corpus/_posts"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
        else { return [] }
        return names.filter { $0.hasSuffix(".md") }.sorted().compactMap { name in
            guard
                let text = try? String(
                    contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            else { return nil }
            return (name, text)
        }
    }

    /// A file under `../shared` (such as `seeds/001_6c77598d14bca79d.txt`), if present.
    public static func file(_ relativePath: String) -> String? {
        guard let url = directory?.appendingPathComponent(relativePath) else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }
}
