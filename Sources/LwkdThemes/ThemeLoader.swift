import Foundation

/// Finds and loads themes from `themes/<name>/` folders.
///
/// A theme folder holds templates named after their format (`html-email.html`), `style.css`
/// and `theme.json` (`{"name": …, "parent": …, "variables": {…}}`). Whatever a theme lacks
/// comes from its parent, and in the end from the built-in `default` theme.
public struct ThemeLoader: Sendable {
    /// Folders that contain theme folders, searched in order.
    public var searchPaths: [String]

    /// Creates a loader.
    public init(searchPaths: [String]) {
        self.searchPaths = searchPaths
    }

    /// Loads a theme by name (looked up in ``searchPaths``) or by folder path.
    public func load(_ nameOrPath: String) throws(ThemeError) -> Theme {
        try load(nameOrPath, depth: 0)
    }

    private func load(_ nameOrPath: String, depth: Int) throws(ThemeError) -> Theme {
        guard depth < 8 else {
            throw .invalidFile(path: nameOrPath, reason: "theme parents form a cycle")
        }
        guard let directory = locate(nameOrPath) else {
            if nameOrPath == "default" { return BuiltinTheme.theme }
            throw .notFound(name: nameOrPath, searched: searchPaths)
        }
        let own = try loadFolder(directory, fallbackName: nameOrPath)
        let parentName = own.parent ?? (own.theme.name == "default" ? nil : "default")
        guard let parentName else { return own.theme }
        return try load(parentName, depth: depth + 1).overlaid(by: own.theme)
    }

    /// The folder for a name or path, or nil.
    public func locate(_ nameOrPath: String) -> String? {
        var isDirectory: ObjCBool = false
        let looksLikePath = nameOrPath.contains("/") || nameOrPath.hasPrefix(".")
        if looksLikePath {
            return FileManager.default.fileExists(atPath: nameOrPath, isDirectory: &isDirectory)
                && isDirectory.boolValue ? nameOrPath : nil
        }
        for base in searchPaths {
            let candidate = base + "/" + nameOrPath
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                return candidate
            }
        }
        return nil
    }

    private func loadFolder(_ directory: String, fallbackName: String) throws(ThemeError) -> (
        theme: Theme, parent: String?
    ) {
        let folderName = directory.split(separator: "/").last.map(String.init) ?? fallbackName
        var name = folderName
        var parent: String?
        var variables: [String: String] = [:]
        let configPath = directory + "/theme.json"
        if let data = FileManager.default.contents(atPath: configPath) {
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: data)
            } catch {
                throw .invalidFile(path: configPath, reason: "not valid JSON")
            }
            guard let config = object as? [String: Any] else {
                throw .invalidFile(path: configPath, reason: "expected a JSON object")
            }
            if let value = config["name"] as? String { name = value }
            if let value = config["parent"] as? String, !value.isEmpty { parent = value }
            if let values = config["variables"] as? [String: Any] {
                for (key, value) in values {
                    guard let text = value as? String else {
                        throw .invalidFile(
                            path: configPath, reason: "variable '\(key)' must be a string")
                    }
                    variables[key] = text
                }
            }
        }
        var stylesheets: [String] = []
        let cssPath = directory + "/style.css"
        if let data = FileManager.default.contents(atPath: cssPath) {
            guard let css = String(data: data, encoding: .utf8) else {
                throw .invalidFile(path: cssPath, reason: "not UTF-8")
            }
            stylesheets.append(css)
        }
        var templates: [ThemeTemplate] = []
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for file in files.sorted() where file != "theme.json" && file != "style.css" {
            guard let dot = file.firstIndex(of: "."), dot != file.startIndex else { continue }
            let path = directory + "/" + file
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            guard let text = String(data: data, encoding: .utf8) else {
                throw .invalidFile(path: path, reason: "not UTF-8")
            }
            let name = String(file[..<dot])
            // The shipped default's own text (themes/default, installed or in the checkout)
            // is known to parse: it is parsed when first used.
            templates.append(
                BuiltinTheme.files[file] == text
                    ? ThemeTemplate(name: name, path: path, shippedText: text)
                    : try ThemeTemplate(name: name, path: path, text: text))
        }
        let theme = Theme(
            name: name, directory: directory, stylesheets: stylesheets, variables: variables,
            templates: templates)
        return (theme, parent)
    }
}
