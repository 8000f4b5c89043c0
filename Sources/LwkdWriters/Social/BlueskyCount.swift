/// Bluesky's limits on a post's text, counted as Bluesky counts them.
///
/// The `app.bsky.feed.post` lexicon gives `text` `maxGraphemes: 300` and `maxLength: 3000`,
/// the latter in UTF-8 bytes. Graphemes are extended grapheme clusters (UAX #29). Swift's
/// `Character` follows Unicode 15.1, which joins Indic conjuncts (rule GB9c: "क्ष" is one
/// cluster); segmenters that predate it count two. The count here is the larger, so a text
/// that fits fits under either.
public enum BlueskyCount {
    /// At most this many grapheme clusters.
    public static let maxGraphemes = 300
    /// At most this many UTF-8 bytes.
    public static let maxBytes = 3000

    /// The grapheme clusters of `text`, counting a conjunct joined only by GB9c as two.
    public static func graphemes(_ text: String) -> Int {
        var count = 0
        for character in text {
            count += 1
            guard character.unicodeScalars.count > 2 else { continue }
            var afterLinker = false
            for scalar in character.unicodeScalars {
                if linkers.contains(scalar.value) {
                    afterLinker = true
                } else if afterLinker, scalar.properties.generalCategory == .otherLetter {
                    // A consonant after a virama starts a new cluster before Unicode 15.1.
                    count += 1
                    afterLinker = false
                } else if !scalar.properties.isGraphemeExtend, scalar.value != 0x200D {
                    afterLinker = false
                }
            }
        }
        return count
    }

    /// The UTF-8 bytes of `text`.
    public static func bytes(_ text: String) -> Int { text.utf8.count }

    /// True when `text` is within both limits.
    public static func fits(_ text: String) -> Bool {
        bytes(text) <= maxBytes && graphemes(text) <= maxGraphemes
    }

    /// Indic_Conjunct_Break=Linker (Unicode 15.1): the viramas of Devanagari, Bengali,
    /// Gujarati, Oriya, Telugu and Malayalam.
    private static let linkers: Set<UInt32> = [0x094D, 0x09CD, 0x0ACD, 0x0B4D, 0x0C4D, 0x0D4D]
}
