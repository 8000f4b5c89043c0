import Foundation

/// Which files `digest` reads.
enum PostFiles {
    static let extensions: Set<String> = ["md", "markdown", "mdown", "txt", "json"]

    /// Files as given, and the post files of each directory (its `_posts/` when it has one),
    /// sorted by name.
    static func collect(_ inputs: [String], environment: CLIEnvironment) throws -> [String] {
        var files: [String] = []
        let fm = FileManager.default
        for input in inputs {
            let full = InputLoader.resolve(input, in: environment)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: full, isDirectory: &isDirectory) else {
                throw CLIFailure(.unreadableInput, "\(input): no such file or directory")
            }
            guard isDirectory.boolValue else {
                files.append(input)
                continue
            }
            var directory = input
            var postsDirectory: ObjCBool = false
            if fm.fileExists(atPath: full + "/_posts", isDirectory: &postsDirectory),
                postsDirectory.boolValue
            {
                directory = join(input, "_posts")
            }
            let names: [String]
            do {
                names = try fm.contentsOfDirectory(
                    atPath: InputLoader.resolve(directory, in: environment))
            } catch {
                throw CLIFailure(.unreadableInput, "\(directory): cannot list directory")
            }
            let posts = names.filter { name in
                !name.hasPrefix(".")
                    && extensions.contains((name as NSString).pathExtension.lowercased())
            }.sorted()
            if posts.isEmpty {
                throw CLIFailure(.unreadableInput, "\(directory): no post files (.md, .txt, .json)")
            }
            files += posts.map { join(directory, $0) }
        }
        return files
    }

    /// `dir/name`, without a leading `./` so messages show the path as the user would type it.
    private static func join(_ directory: String, _ name: String) -> String {
        directory == "." ? name : (directory as NSString).appendingPathComponent(name)
    }
}
