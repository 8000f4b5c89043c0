import Foundation
import LwkdTestSupport
import Testing

@testable import LwkdThemes

@Suite struct ThemeLoaderTests {
    let themes = Repository.root().appendingPathComponent("themes").path

    @Test func lwkdThemeInheritsDefault() throws {
        let theme = try ThemeLoader(searchPaths: [themes]).load("lwkd")
        #expect(theme.name == "lwkd")
        #expect(theme.template(for: "html-email")?.path == themes + "/default/html-email.html")
        #expect(theme.stylesheets.count == 2)
        #expect(theme.variables["logo_url"] == "https://lwkd.info/images/logo.png")
        #expect(theme.variables["footer_html"]?.contains("CC BY 4.0") == true)
    }

    @Test func unknownThemeIsAnError() {
        #expect(throws: ThemeError.notFound(name: "nope", searched: [themes])) {
            try ThemeLoader(searchPaths: [themes]).load("nope")
        }
    }

    @Test func templateSyntaxErrorNamesFileAndLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lwkd-theme-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "{\"name\": \"broken\"}".write(
            to: dir.appendingPathComponent("theme.json"), atomically: true, encoding: .utf8)
        try "<p>\n{{#items}}\n<li>{{name}}</li>\n{{/other}}\n".write(
            to: dir.appendingPathComponent("html-email.html"), atomically: true, encoding: .utf8)
        let error = #expect(throws: ThemeError.self) {
            try ThemeLoader(searchPaths: [themes]).load(dir.path)
        }
        #expect(error?.path == dir.path + "/html-email.html")
        #expect(error?.line == 4)
        #expect(error?.description.hasPrefix(dir.path + "/html-email.html:4: ") == true)
    }

    @Test func missingTemplateFallsBackToDefault() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "lwkd-theme2-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "a { color: red; }".write(
            to: dir.appendingPathComponent("style.css"), atomically: true, encoding: .utf8)
        let theme = try ThemeLoader(searchPaths: [themes]).load(dir.path)
        #expect(theme.template(for: "html-email") != nil)
        #expect(theme.stylesheets.last == "a { color: red; }")
        let rendered = try theme.render(
            "html-email", values: ["title_text": "T & C", "body": "<p>x</p>"])
        #expect(rendered.contains("<title>T &amp; C</title>"))
        #expect(rendered.contains("<p>x</p>"))
    }

    @Test func builtInDefaultMatchesThemesFolder() throws {
        let disk = try ThemeLoader(searchPaths: [themes]).load("default")
        let builtin = Theme.builtinDefault
        #expect(disk.stylesheets == builtin.stylesheets)
        #expect(disk.variables == builtin.variables)
        #expect(disk.templateNames == builtin.templateNames)
        let values: [String: Any] = ["title": "t", "body": "b", "permalink": "https://x.example/"]
        let fromDisk = try disk.render("html-email", values: values)
        let fromBuiltin = try builtin.render("html-email", values: values)
        #expect(fromDisk == fromBuiltin)
    }

    @Test func unknownThemeFallsBackToBuiltinWhenNoFolders() throws {
        let theme = try ThemeLoader(searchPaths: []).load("default")
        #expect(theme.template(for: "html-email") != nil)
    }
}

/// The shipped default's templates are parsed when first used, trusted to parse: every one of
/// them, built in and in themes/default, must.
@Test func everyShippedTemplateParses() throws {
    let themes = Repository.root().appendingPathComponent("themes").path
    for theme in [Theme.builtinDefault, try ThemeLoader(searchPaths: [themes]).load("default")] {
        #expect(theme.templateNames.count >= 4, "\(theme.templateNames)")
        for name in theme.templateNames {
            _ = try #require(theme.template(for: name)).template()
        }
    }
}
