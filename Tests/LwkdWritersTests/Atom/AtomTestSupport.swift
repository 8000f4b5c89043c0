import Foundation
import LwkdModel
import LwkdReaders
import LwkdTestSupport
import LwkdWriters

/// Helpers of the Atom tests: reading posts, running the writer, picking values out of the XML.
enum AtomTest {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// `<root>/../shared/corpus/_posts` (or `<root>/../../shared` for a checkout in a worktree
    /// folder, or `$LWKD_SHARED`), when present.
    static var corpusPosts: URL? {
        let root = Repository.root()
        var candidates = [
            root.deletingLastPathComponent(),
            root.deletingLastPathComponent().deletingLastPathComponent(),
        ]
        .map { $0.appendingPathComponent("shared") }
        if let shared = ProcessInfo.processInfo.environment["LWKD_SHARED"] {
            candidates.insert(URL(fileURLWithPath: shared), at: 0)
        }
        return candidates.map { $0.appendingPathComponent("corpus/_posts") }
            .first { FileManager.default.fileExists(atPath: $0.path) }
    }

    static func read(_ text: String, fileName: String? = nil) throws -> Document {
        try MarkdownReader().read(
            Source(text: text, path: fileName, fileName: fileName), in: ReadContext())
    }

    static func read(file url: URL) throws -> Document {
        try read(String(contentsOf: url, encoding: .utf8), fileName: url.lastPathComponent)
    }

    static func context(_ diagnostics: DiagnosticSink = DiagnosticSink(), now: PostDate? = nil)
        -> WriteContext
    {
        WriteContext(now: now, generator: "lwkdconv test", diagnostics: diagnostics)
    }

    static func feed(_ documents: [Document], limit: Int? = nil, context: WriteContext = context())
        throws -> String
    {
        guard
            case .text(let text) = try AtomWriter().writeFeed(
                documents.map {
                    Post(document: $0, site: context.site, diagnostics: context.diagnostics)
                }, limit: limit, in: context)
        else { return "" }
        return text
    }

    /// The text of every `<name …>…</name>` element, in order (names without nested elements).
    static func values(of name: String, in xml: String) -> [String] {
        var found: [String] = []
        var rest = xml[...]
        while let open = rest.range(of: "<\(name)>") ?? rest.range(of: "<\(name) ") {
            guard let close = rest[open.upperBound...].range(of: "</\(name)>"),
                let start = rest[open.lowerBound...].firstIndex(of: ">")
            else { break }
            found.append(String(rest[rest.index(after: start)..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return found
    }

    /// Entry ids (the feed's own id comes first and is dropped).
    static func entryIDs(in xml: String) -> [String] {
        Array(values(of: "id", in: xml).dropFirst())
    }

    /// The `href`/`src` values inside entry content (escaped HTML) that are not absolute
    /// http(s) or mailto URLs.
    static func relativeURLs(in xml: String) -> [String] {
        var found: [String] = []
        for content in values(of: "content", in: xml) {
            let attributes =
                content.components(separatedBy: " href=&quot;").dropFirst()
                + content.components(separatedBy: " src=&quot;").dropFirst()
            for part in attributes {
                let url = String(part.prefix { $0 != "&" })
                if !(url.hasPrefix("https://") || url.hasPrefix("http://")
                    || url.hasPrefix("mailto:"))
                {
                    found.append(url)
                }
            }
        }
        return found
    }

    /// The `href` of each entry's alternate link.
    static func entryLinks(in xml: String) -> [String] {
        xml.components(separatedBy: "<entry>").dropFirst().compactMap { entry in
            guard let range = entry.range(of: #"rel="alternate" type="text/html" href=""#) else {
                return nil
            }
            return String(entry[range.upperBound...].prefix { $0 != "\"" })
        }
    }
}
