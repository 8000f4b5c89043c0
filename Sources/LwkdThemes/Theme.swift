import Mustache
import Synchronization

/// A loaded theme: one logic-less Mustache template per writer, stylesheets and settings.
///
/// A theme's missing templates, stylesheets and settings come from its parent (by default the
/// `default` theme). A theme's templates are parsed when it loads, so a syntax error is
/// reported with its file and line before any output is written.
public struct Theme: Sendable {
    /// The theme's name (its folder name).
    public var name: String
    /// The folder it was loaded from; nil for the built-in default.
    public var directory: String?
    /// The stylesheets, parent first, so the theme's own rules come last and win.
    public var stylesheets: [String]
    /// Settings from `theme.json`'s `variables`, merged over the parent's.
    public var variables: [String: String]
    private var templates: [String: ThemeTemplate]

    /// Creates a theme from already loaded parts.
    public init(
        name: String, directory: String? = nil, stylesheets: [String] = [],
        variables: [String: String] = [:], templates: [ThemeTemplate] = []
    ) {
        self.name = name
        self.directory = directory
        self.stylesheets = stylesheets
        self.variables = variables
        self.templates = Dictionary(templates.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
    }

    /// All stylesheets as one text.
    public var stylesheet: String { stylesheets.joined(separator: "\n") }

    /// The template for a format (`html-email`), from this theme or a parent.
    public func template(for format: String) -> ThemeTemplate? { templates[format] }

    /// Template names, sorted.
    public var templateNames: [String] { templates.keys.sorted() }

    /// Renders the template for `format` with `values`; other templates serve as partials.
    ///
    /// `{{name}}` escapes HTML, `{{{name}}}` inserts already rendered markup. Theme
    /// `variables` are available too, under their own names, unless `values` overrides them.
    public func render(_ format: String, values: [String: Any]) throws(ThemeError) -> String {
        guard let template = templates[format] else {
            throw .missingTemplate(theme: name, format: format)
        }
        var library = MustacheLibrary()
        if template.mayUsePartials {
            for (key, other) in templates { library.register(try other.template(), named: key) }
        }
        var context: [String: Any] = [:]
        for (key, value) in variables { context[key] = value }
        for (key, value) in values { context[key] = value }
        return try template.template().render(context, library: library)
    }

    /// Combines a parent and a child: the child's templates and variables win, stylesheets
    /// are concatenated parent first.
    public func overlaid(by child: Theme) -> Theme {
        var merged = self
        merged.name = child.name
        merged.directory = child.directory
        merged.stylesheets += child.stylesheets
        merged.variables.merge(child.variables) { $1 }
        merged.templates.merge(child.templates) { $1 }
        return merged
    }
}

/// One template and the file it came from.
///
/// A theme's own template is parsed when it loads, so a syntax error names its file and line
/// before anything is written. A template whose text is the shipped default's (which the tests
/// parse) is parsed when first rendered: a conversion then parses only the one template it
/// uses, not the cover, the web page's and the EPUB's as well (issue 14: parsing all four was a
/// fifth of an `--to eml` run's instructions).
public struct ThemeTemplate: Sendable {
    /// The format it is for: the file name without extension (`html-email`).
    public var name: String
    /// The file (for messages).
    public var path: String
    private let body: Body

    /// Parses a template; a syntax error names `path` and the line.
    public init(name: String, path: String, text: String) throws(ThemeError) {
        self.name = name
        self.path = path
        body = Body(text: text, parsed: try Self.parse(text, path: path))
    }

    /// A template known to parse (the shipped default's text), parsed when first rendered.
    init(name: String, path: String, shippedText text: String) {
        self.name = name
        self.path = path
        body = Body(text: text, parsed: nil)
    }

    /// The parsed template.
    func template() throws(ThemeError) -> MustacheTemplate {
        if let parsed = body.parsed.withLock({ $0 }) { return parsed }
        let parsed = try Self.parse(body.text, path: path)
        body.parsed.withLock { $0 = parsed }
        return parsed
    }

    /// False when the text can name no partial (`{{> name}}`), parent (`{{< name}}`) or other
    /// delimiters, so rendering it needs no other template.
    var mayUsePartials: Bool {
        body.text.contains("{{>") || body.text.contains("{{<") || body.text.contains("{{=")
    }

    /// The text and, once parsed, the template; shared by the copies of a theme, which two
    /// threads may render at once.
    private final class Body: Sendable {
        let text: String
        let parsed: Mutex<MustacheTemplate?>

        init(text: String, parsed: MustacheTemplate?) {
            self.text = text
            self.parsed = Mutex(parsed)
        }
    }

    private static func parse(_ text: String, path: String) throws(ThemeError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            throw .template(
                path: path, line: error.context.lineNumber,
                reason: ThemeTemplate.describe(error.error))
        } catch {
            throw .template(path: path, line: 1, reason: "\(error)")
        }
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "section closed with the wrong name"
        case .unfinishedName: return "unfinished tag"
        case .expectedSectionEnd: return "section is never closed"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection, .illegalTokenInsideInheritSection,
            .textInsideInheritSection:
            return "invalid template inheritance"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable:
            return "invalid pragma"
        @unknown default: return "\(error)"
        }
    }
}

extension Theme {
    /// The `default` theme compiled into the program (the same files as `themes/default`).
    public static var builtinDefault: Theme { BuiltinTheme.theme }
}
