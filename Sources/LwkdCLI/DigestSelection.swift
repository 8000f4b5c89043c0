import Foundation
import LwkdModel
import LwkdReaders
import Synchronization

/// Which of the found files belong to a digest's years, decided before any Markdown is parsed:
/// Jekyll's date (front matter `date:`, else the file name's day) read from each file's front
/// matter alone (``JekyllDate``), on every core.
enum DigestSelection {
    /// The years `--year` names: `2022`, `2019..2026`, repeated.
    static func years(_ values: [String]) throws -> [Int] {
        var years = Set<Int>()
        for value in values {
            let pieces =
                value.contains("..")
                ? value.split(separator: "..", omittingEmptySubsequences: false).map(String.init)
                : [value]
            guard pieces.count <= 2, let first = Int(pieces[0]),
                let last = Int(pieces[pieces.count - 1]),
                (1...9999).contains(first), (1...9999).contains(last)
            else {
                throw CLIFailure(
                    .usage, "--year expects a year (2022) or a range (2019..2026), got '\(value)'")
            }
            guard first <= last else {
                throw CLIFailure(.usage, "--year \(value): the range runs backwards")
            }
            years.formUnion(first...last)
        }
        guard !years.isEmpty else { throw CLIFailure(.usage, "missing --year YEAR") }
        return years.sorted()
    }

    /// The files to read in full: those dated in `years`, and those whose date only reading
    /// them can tell; plus every year a dated file names (for the message when none matches).
    static func select(
        _ found: [PostFinder.Found], years: Set<Int>, from format: String?,
        environment: CLIEnvironment
    ) -> (files: [PostFinder.Found], yearsSeen: Set<Int>) {
        let peeked = Mutex([Int?](repeating: nil, count: found.count))
        DispatchQueue.concurrentPerform(iterations: found.count) { index in
            let path = found[index].path
            guard path != "-",
                let bytes = try? InputLoader.bytes(of: path, environment: environment),
                let text = try? SourceDecoder.decode(bytes, path: path),
                let date = JekyllDate.peek(text, path: path, format: format)
            else { return }
            peeked.withLock { $0[index] = date.utc.year }
        }
        let decided = peeked.withLock { $0 }
        var files: [PostFinder.Found] = []
        for (item, year) in zip(found, decided) where year.map(years.contains) ?? true {
            files.append(item)
        }
        return (files, Set(decided.compactMap { $0 }))
    }
}
