/// The hashtags an announcement ends with.
public enum SocialHashtags {
    /// The newsletter's own, when neither the options nor the theme name any.
    public static let defaults = ["kubernetes", "containers", "CloudNative"]

    /// The hashtags in a list such as `#kubernetes, containers #CloudNative`, without `#`.
    public static func parse(_ list: String) -> [String] {
        list.split(whereSeparator: { $0.isWhitespace || $0 == "," }).map {
            String($0.drop { $0 == "#" })
        }.filter { !$0.isEmpty }
    }

    /// True when both platforms link `#name` whole: letters, digits and `_`, not only digits,
    /// at most 64 characters (Bluesky's `maxGraphemes` for a tag).
    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64 && name.contains { $0.isLetter || $0 == "_" }
            && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}
