import LwkdModel
import LwkdThemes

/// What every writer needs besides the document: layout settings, variables, a fixed clock,
/// the generator string, access to resources and a diagnostics sink.
///
/// Settings that only one writer uses are stored properties of that writer instead.
public struct WriteContext: Sendable {
    /// Wrap width for text formats.
    public var columns: Int
    /// Template variables and shared settings given with `--metadata`/`--variable`-like options,
    /// such as `base-url` or `lang`.
    public var variables: [String: String]
    /// "Now", when a format needs a build time; nil means "use the post's date".
    public var now: PostDate?
    /// The generator string, such as `lwkdconv 0.1.0`.
    public var generator: String
    /// The site the posts belong to (base URL, newsletter name).
    public var site: Site
    /// Reads files a writer embeds (images); the CLI confines it to `--resource-path`.
    public var resources: ResourceLoader
    /// Where lossy conversions are reported.
    public var diagnostics: DiagnosticSink
    /// How dates are shown to readers; the theme's `date_format` when it sets one.
    public var dateStyle: DateStyle
    /// The theme whose templates and stylesheet themed writers use (`--theme`); the built-in
    /// `default` unless set. The built-in one is parsed only when a writer asks for it.
    public var theme: Theme {
        get { storedTheme ?? .builtinDefault }
        set { storedTheme = newValue }
    }
    private var storedTheme: Theme?

    /// Creates a context.
    public init(
        columns: Int = 72, variables: [String: String] = [:], now: PostDate? = nil,
        generator: String = "lwkdconv", site: Site = .lwkd,
        resources: ResourceLoader = ResourceLoader(),
        diagnostics: DiagnosticSink = DiagnosticSink(),
        theme: Theme? = nil, dateStyle: DateStyle = .newsletter
    ) {
        self.dateStyle = dateStyle
        self.columns = columns
        self.variables = variables
        self.now = now
        self.generator = generator
        self.site = site
        self.resources = resources
        self.diagnostics = diagnostics
        self.storedTheme = theme
    }
}

/// Gives writers the bytes of local resources (images) without letting them touch the file
/// system themselves.
public struct ResourceLoader: Sendable {
    /// Returns the bytes for a URL as written in the post, or nil when it cannot be found.
    public var load: @Sendable (String) -> ResourceLookup

    /// Creates a loader; the default finds nothing.
    public init(load: @escaping @Sendable (String) -> ResourceLookup = { _ in .notFound }) {
        self.load = load
    }
}

/// The answer of a ``ResourceLoader``.
public enum ResourceLookup: Sendable, Equatable {
    /// Found: the resolved path (for messages) and its bytes.
    case found(path: String, bytes: [UInt8])
    /// No resource directory holds it.
    case notFound
    /// It resolves outside every resource directory and was refused.
    case refused(reason: String)
}
