/// A post's metadata: the front matter in its original order, plus what the file name tells.
///
/// What the post says of itself is read from here only by ``PostFacts``, which computes the
/// title, date, slug and permalink once, with Jekyll's rules.
public struct Meta: Hashable, Codable, Sendable {
    /// Front matter entries, in the order written.
    public var entries: [MetaEntry]
    /// Whether the source had a front matter block at all (an empty one counts).
    public var hasFrontMatter: Bool
    /// The source file's name (no directory), when the document came from a file.
    public var fileName: String?

    /// Creates metadata.
    public init(entries: [MetaEntry] = [], hasFrontMatter: Bool? = nil, fileName: String? = nil) {
        self.entries = entries
        self.hasFrontMatter = hasFrontMatter ?? !entries.isEmpty
        self.fileName = fileName
    }

    /// The value stored under `key`, if any.
    public subscript(key: String) -> MetaValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue {
                    entries[index].value = newValue
                } else {
                    entries.remove(at: index)
                }
            } else if let newValue {
                entries.append(MetaEntry(key: key, value: newValue))
                hasFrontMatter = true
            }
        }
    }
}

/// One front matter key and its value.
public struct MetaEntry: Hashable, Codable, Sendable {
    /// The key.
    public var key: String
    /// The value.
    public var value: MetaValue

    /// Creates an entry.
    public init(key: String, value: MetaValue) {
        self.key = key
        self.value = value
    }
}

/// A front matter value, keeping its YAML type so it is written back as the same type.
public indirect enum MetaValue: Hashable, Codable, Sendable {
    /// A string.
    case string(value: String)
    /// A boolean.
    case bool(value: Bool)
    /// A number, as written (`3`, `1.5`).
    case number(text: String)
    /// A YAML timestamp, as written (`2020-02-24 22:00:00 -0000`).
    case date(text: String)
    /// YAML null (`~`, `null` or nothing).
    case null
    /// A sequence.
    case list(items: [MetaValue])
    /// A mapping, in order.
    case map(entries: [MetaEntry])

    /// The value as plain text, for scalars; nil for lists, maps and null.
    public var plainText: String? {
        switch self {
        case .string(let value): return value
        case .bool(let value): return value ? "true" : "false"
        case .number(let text), .date(let text): return text
        case .null, .list, .map: return nil
        }
    }
}

/// Jekyll's file-name rules for posts.
public enum FileName {
    /// The name without directory and without its last extension.
    public static func stem(_ name: String) -> String {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
        return String(base[..<dot])
    }

    /// The date in a `YYYY-MM-DD-` prefix, or nil.
    public static func datePrefix(of stem: String) -> PostDate? {
        let chars = Array(stem.utf8)
        guard chars.count >= 11, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"),
            chars[10] == UInt8(ascii: "-")
        else { return nil }
        return PostDate(parsing: String(decoding: chars[0..<10], as: UTF8.self))
    }
}
