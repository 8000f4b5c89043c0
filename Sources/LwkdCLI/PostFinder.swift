import Foundation
import LwkdModel
import LwkdReaders

/// Finds the posts that `feed`, `digest` and other many-post commands read: files as given,
/// and in a directory (its `_posts/` when it has one, as in a site folder) every post file
/// below it by Jekyll's rules.
enum PostFinder {
    /// One file to read, and whether a directory search found it (then a file that is no
    /// post is skipped with a warning instead of stopping the run).
    struct Found: Hashable {
        var path: String
        var isFromDirectory: Bool
    }

    /// File name endings of posts inside a directory (the readers' registry knows them).
    static var postExtensions: Set<String> { Readers.postFileExtensions }

    /// Every post of `inputs`, directories expanded, in the order given (each directory's
    /// posts sorted by path).
    static func find(_ inputs: [String], environment: CLIEnvironment) throws -> [Found] {
        var found: [Found] = []
        for input in inputs {
            let full = InputLoader.resolve(input, in: environment)
            var isDirectory: ObjCBool = false
            guard input != "-",
                FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                found.append(Found(path: input, isFromDirectory: false))
                continue
            }
            var directory = input
            var posts: ObjCBool = false
            if FileManager.default.fileExists(atPath: full + "/_posts", isDirectory: &posts),
                posts.boolValue
            {
                directory = join(input, "_posts")
            }
            let paths = try postPaths(
                in: directory, full: InputLoader.resolve(directory, in: environment))
            guard !paths.isEmpty else {
                throw CLIFailure(
                    .unreadableInput,
                    "\(directory): no posts (\(postExtensions.sorted().map { "*." + $0 }.joined(separator: ", "))) in this directory"
                )
            }
            found += paths.map { Found(path: $0, isFromDirectory: true) }
        }
        return found
    }

    /// Post files under a directory, sorted; like Jekyll, names starting with `.`, `_` or `#`
    /// and names ending with `~` are ignored, in folders too.
    static func postPaths(in input: String, full: String) throws -> [String] {
        guard let names = FileManager.default.subpaths(atPath: full) else {
            throw CLIFailure(
                .unreadableInput, "\(input): cannot list directory (permission denied?)")
        }
        return names.filter { relative in
            let parts = relative.split(separator: "/")
            guard
                !parts.contains(where: {
                    $0.hasPrefix(".") || $0.hasPrefix("_") || $0.hasPrefix("#") || $0.hasSuffix("~")
                }),
                let name = parts.last, let dot = name.lastIndex(of: "."),
                postExtensions.contains(name[name.index(after: dot)...].lowercased())
            else { return false }
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: full + "/" + relative, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }
        .sorted()
        .map { join(input, $0) }
    }

    /// `dir/name`, without a leading `./` so messages show the path as the user would type it.
    private static func join(_ directory: String, _ name: String) -> String {
        if directory == "." { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
