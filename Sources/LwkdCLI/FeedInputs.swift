import Foundation
import LwkdModel
import LwkdWriters

/// Turns the `feed` command's arguments into posts: files as given, directories searched.
enum FeedInputs {
    /// File name endings of posts inside a directory.
    static let postExtensions: Set = ["md", "markdown", "txt"]

    /// Reads every post. A file named on the command line must be a post; a file found in a
    /// directory that has no date is skipped with a warning (a README, say).
    static func documents(
        from inputs: [String], format: String?, metadata: [(String, String)], environment: CLIEnvironment,
        diagnostics: DiagnosticSink
    ) throws -> [Document] {
        var documents: [Document] = []
        for input in inputs {
            let full = InputLoader.resolve(input, in: environment)
            var isDirectory: ObjCBool = false
            guard input != "-", FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                documents.append(
                    try InputLoader.document(
                        at: input, from: format, metadata: metadata, environment: environment,
                        diagnostics: diagnostics))
                continue
            }
            let paths = try postPaths(in: input, full: full)
            guard !paths.isEmpty else {
                throw CLIFailure(.unreadableInput, "\(input): no posts (*.md, *.markdown, *.txt) in this directory")
            }
            for path in paths {
                let document = try InputLoader.document(
                    at: path, from: format, metadata: metadata, environment: environment, diagnostics: diagnostics)
                if AtomWriter.isDated(document) {
                    documents.append(document)
                } else {
                    diagnostics.warn("skipped: not a dated post (no 'date:', no YYYY-MM-DD- file name)", file: path)
                }
            }
        }
        return documents
    }

    /// Post files under a directory, sorted; like Jekyll, names starting with `.`, `_` or `#`
    /// and names ending with `~` are ignored, in folders too.
    static func postPaths(in input: String, full: String) throws -> [String] {
        guard let names = FileManager.default.subpaths(atPath: full) else {
            throw CLIFailure(.unreadableInput, "\(input): cannot list directory (permission denied?)")
        }
        let prefix = input.hasSuffix("/") ? input : input + "/"
        return names.filter { relative in
            let parts = relative.split(separator: "/")
            guard !parts.contains(where: { $0.hasPrefix(".") || $0.hasPrefix("_") || $0.hasPrefix("#") || $0.hasSuffix("~") }),
                let name = parts.last, let dot = name.lastIndex(of: "."),
                postExtensions.contains(name[name.index(after: dot)...].lowercased())
            else { return false }
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: full + "/" + relative, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }
        .sorted()
        .map { prefix + $0 }
    }
}
