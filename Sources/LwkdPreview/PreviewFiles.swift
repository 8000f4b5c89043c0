import Foundation

/// The files the preview may serve: those inside its root folders (the post's folder, the
/// theme, the `--resource-path` folders), nothing else.
///
/// A path with a `..` segment (also percent-encoded, `..%2f`), a control character or a
/// backslash is refused outright; a path that leads outside every root through a symbolic link
/// is refused after resolving it. Either way the answer is "not found", never the file.
public struct PreviewFiles: Sendable {
    /// The roots, resolved to real paths.
    public let roots: [String]

    /// Creates the set; folders that do not exist are left out.
    public init(roots: [String]) {
        var seen: Set<String> = []
        self.roots = roots.compactMap(Self.realPath).filter { seen.insert($0).inserted }
    }

    /// The file a request path names (`images/x.png`, percent-encoded as sent), or nil.
    public func lookup(_ requestPath: String) -> (path: String, bytes: [UInt8])? {
        guard let relative = Self.relativePath(requestPath) else { return nil }
        for root in roots {
            guard let real = Self.realPath(root + "/" + relative),
                real.hasPrefix(root == "/" ? "/" : root + "/")
            else { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: real, isDirectory: &isDirectory),
                !isDirectory.boolValue, let data = FileManager.default.contents(atPath: real)
            else { continue }
            return (real, Array(data))
        }
        return nil
    }

    /// `html` with each image under `site` (`https://lwkd.info/2026/images/x.png`) whose file
    /// one of the roots holds pointed at `/files/…`, so the preview shows it without the
    /// network; every other image stays as it is.
    public func localizingImages(in html: String, site: String) -> String {
        let marker = "src=\"" + site + "/"
        guard html.contains(marker) else { return html }
        var out = ""
        var rest = Substring(html)
        while let range = rest.range(of: marker) {
            out += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            let end = after.firstIndex(of: "\"") ?? after.endIndex
            let path = String(after[..<end])
            out += lookup(path) == nil ? rest[range] + path : "src=\"/files/" + path
            rest = after[end...]
        }
        return out + rest
    }

    /// The path's segments joined again, or nil when any is `..`, empty after decoding, or
    /// holds what no served file name holds.
    static func relativePath(_ requestPath: String) -> String? {
        var path = Substring(requestPath)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        guard let decoded = String(path).removingPercentEncoding,
            !decoded.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }),
            !decoded.contains("\\")
        else { return nil }
        var parts: [Substring] = []
        for part in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { return nil }
            parts.append(part)
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }

    /// The media type for a file name, by its ending.
    public static func mediaType(of path: String) -> String {
        let ending = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ending {
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "svg": return "image/svg+xml"
        case "css": return "text/css; charset=utf-8"
        case "html", "htm": return "text/html; charset=utf-8"
        default: return "text/plain; charset=utf-8"
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
