/// A whole post: its metadata and its body blocks.
///
/// Every reader builds one and every writer renders one. It is a plain value:
/// two documents are equal when their structure is equal, which is what the
/// round-trip tests compare.
public struct Document: Hashable, Codable, Sendable {
    /// The model version this value was written with; JSON of another major version is refused.
    public var version: ModelVersion
    /// Front matter and the facts derived from the file name.
    public var meta: Meta
    /// The body.
    public var blocks: [Block]

    /// Creates a document.
    public init(meta: Meta = Meta(), blocks: [Block], version: ModelVersion = .current) {
        self.version = version
        self.meta = meta
        self.blocks = blocks
    }
}

/// The version of the model's JSON form.
///
/// The major number changes when a JSON document of the old form would be
/// misread; the minor number when cases are only added.
public struct ModelVersion: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Incompatible changes.
    public var major: Int
    /// Compatible additions.
    public var minor: Int

    /// Creates a version.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// The version this build writes.
    public static let current = ModelVersion(major: 1, minor: 0)

    public var description: String { "\(major).\(minor)" }
}
