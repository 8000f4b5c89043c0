import Foundation
import LwkdModel
import LwkdWriters

/// Builds the ``ResourceLoader`` writers use for images, confined to the `--resource-path`
/// directories: a path that leads outside all of them (through `..` or a symbolic link) is
/// refused, never read.
enum ResourcePaths {
    static func loader(for directories: [String], environment: CLIEnvironment) throws
        -> ResourceLoader
    {
        var roots: [(shown: String, real: String)] = []
        for directory in directories {
            let full = InputLoader.resolve(directory, in: environment)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
                isDirectory.boolValue,
                let real = realPath(full)
            else {
                throw CLIFailure(.usage, "--resource-path \(directory): no such directory")
            }
            roots.append((directory, real))
        }
        guard !roots.isEmpty else { return ResourceLoader() }
        let all = roots
        return ResourceLoader { url in lookup(url, in: all) }
    }

    static func lookup(_ url: String, in roots: [(shown: String, real: String)]) -> ResourceLookup {
        var path = Substring(url)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        let decoded = String(path).removingPercentEncoding ?? String(path)
        // `ok.png%00.txt` names no file: the C call below would stop at the NUL and read
        // `ok.png`. No file of a post has a control character in its name either.
        guard !decoded.unicodeScalars.contains(where: \.isControl) else { return .notFound }
        var parts: [Substring] = []
        for part in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else {
                    return .refused(
                        reason: "image path leads outside every --resource-path directory")
                }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        guard !parts.isEmpty else { return .notFound }
        let relative = parts.joined(separator: "/")
        for root in roots {
            let candidate = root.real + "/" + relative
            guard let real = realPath(candidate) else { continue }
            guard real.hasPrefix(root.real == "/" ? "/" : root.real + "/") else {
                return .refused(
                    reason:
                        "image path leads outside every --resource-path directory (symbolic link)")
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory),
                !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: real)
            else { continue }
            let shown =
                root.shown.hasSuffix("/") ? root.shown + relative : root.shown + "/" + relative
            return .found(path: shown, bytes: Array(data))
        }
        return .notFound
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
