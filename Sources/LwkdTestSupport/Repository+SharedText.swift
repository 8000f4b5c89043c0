import Foundation

extension Repository {
    /// The text of a file under `../shared` (such as `seeds/001_6c77598d14bca79d.txt`), or nil
    /// when the folder or the file is absent.
    public static func sharedText(_ relativePath: String) -> String? {
        guard let url = shared?.appendingPathComponent(relativePath) else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }

    /// Every real post as (file name, text), sorted; empty when `../shared` is absent.
    public static var corpusTexts: [(name: String, text: String)] {
        corpusPosts.compactMap { url in
            (try? String(contentsOf: url, encoding: .utf8)).map { (url.lastPathComponent, $0) }
        }
    }
}
