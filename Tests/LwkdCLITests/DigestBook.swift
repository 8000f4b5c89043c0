import Foundation
import LwkdXML
import ZIPFoundation

/// A digest EPUB read back for the appendix tests: members, each XHTML file's ids and links.
struct DigestBook {
    let members: [String: String]
    let paths: [String]

    init(_ bytes: [UInt8]) throws {
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var members: [String: String] = [:]
        var paths: [String] = []
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            paths.append(entry.path)
            members[entry.path] = String(decoding: data, as: UTF8.self)
        }
        self.members = members
        self.paths = paths
    }

    func text(_ path: String) -> String { members["EPUB/" + path] ?? "" }

    /// The chapter files whose section is an appendix, in spine order.
    var appendixFiles: [String] {
        paths.filter {
            $0.hasSuffix(".xhtml") && (members[$0] ?? "").contains("epub:type=\"appendix\"")
        }
        .map { String($0.dropFirst("EPUB/".count)) }
    }

    /// The appendix file with this `<h1>` title.
    func appendix(titled title: String) -> String? {
        appendixFiles.first { text($0).contains(">\(title)</h1>") }
    }

    /// Every element of a member's body, depth first.
    func elements(_ path: String) -> [HTMLElement] {
        guard let root = HTMLParser.parseDocument(text(path)) else { return [] }
        var out: [HTMLElement] = []
        func walk(_ element: HTMLElement) {
            out.append(element)
            for case .element(let child) in element.children { walk(child) }
        }
        walk(root)
        return out
    }

    /// The ids a member defines.
    func ids(_ path: String) -> Set<String> {
        Set(elements(path).compactMap { $0[attribute: "id"] })
    }

    /// The items of the top-level lists of an appendix chapter.
    func topLevelItems(_ path: String) -> [HTMLElement] {
        guard let section = elements(path).first(where: { $0.name == "section" }) else { return [] }
        return section.children.flatMap { node -> [HTMLElement] in
            guard case .element(let list) = node, list.name == "ul" || list.name == "ol" else {
                return []
            }
            return list.children.compactMap {
                if case .element(let item) = $0, item.name == "li" { item } else { nil }
            }
        }
    }

    /// The hrefs inside a member that point to another member of the book (not the web).
    func internalLinks(_ path: String) -> [String] {
        elements(path).compactMap { $0.name == "a" ? $0[attribute: "href"] : nil }.filter {
            !$0.contains("://") && !$0.hasPrefix("mailto:")
        }
    }

    /// A broken internal link: its file is missing, or its fragment names no id there.
    func brokenLinks(in path: String) -> [String] {
        internalLinks(path).filter { href in
            let parts = href.split(separator: "#", maxSplits: 1).map(String.init)
            let file = href.hasPrefix("#") ? path : parts[0]
            guard members["EPUB/" + file] != nil else { return true }
            let fragment =
                href.hasPrefix("#") ? String(href.dropFirst()) : parts.count > 1 ? parts[1] : nil
            return fragment.map { !ids(file).contains($0) } ?? false
        }
    }
}

/// The test fixtures' digest posts (`Commands/digest`), copied into a run's directory.
enum DigestFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Commands/digest/_posts")

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    static func populate(_ run: DigestRun, only prefix: String = "") throws {
        for name in names where name.hasPrefix(prefix) {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            try run.write("_posts/" + name, bytes: Array(data))
        }
    }

    static func source(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
}

/// Counts, straight from the Markdown lines, the top-level list items under the `## ` sections
/// whose names are given (case-insensitive): what the appendix must hold.
enum SourceCount {
    static func items(in markdown: String, sections: Set<String>) -> Int {
        var inSection = false
        var count = 0
        var previous = ""
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { previous = String(line) }
            // A setext heading: the text line, then a line of `=` (level 1) or `-` (level 2).
            let underline = line.trimmingCharacters(in: .whitespaces)
            if !underline.isEmpty,
                underline.allSatisfy({ $0 == "=" }) || underline.allSatisfy({ $0 == "-" }),
                !previous.trimmingCharacters(in: .whitespaces).isEmpty, !previous.hasPrefix("* "),
                !previous.hasPrefix("- ")
            {
                let name = previous.trimmingCharacters(in: .whitespaces).lowercased()
                inSection = underline.first == "-" && sections.contains(name)
                continue
            }
            if line.hasPrefix("#") {
                let level = line.prefix { $0 == "#" }.count
                let name = line.dropFirst(level).trimmingCharacters(in: .whitespaces).lowercased()
                if level <= 2 { inSection = level == 2 && sections.contains(name) }
                continue
            }
            if inSection, line.hasPrefix("* ") || line.hasPrefix("- ") || line.hasPrefix("+ ") {
                count += 1
            }
        }
        return count
    }

    static let promotions: Set<String> = ["promotions", "promoted", "now beta"]
    static let deprecations: Set<String> = ["deprecated", "deprecations", "removals", "removed"]
    static let versionUpdates: Set<String> = [
        "version updates", "subprojects and dependency updates",
    ]
}
