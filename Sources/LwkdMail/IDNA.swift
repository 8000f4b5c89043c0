import Foundation

/// Internationalised domain names (IDNA): the ASCII form (`xn--` A-labels) of a Unicode domain,
/// used when a server cannot take UTF-8 addresses (no SMTPUTF8, RFC 6531).
///
/// The conversion is Foundation's: `URLComponents.encodedHost` runs ICU's UTS 46 processing
/// (`uidna_nameToASCII`, nontransitional, so `straße.de` becomes `xn--strae-oqa.de` as in
/// IDNA2008): the UTS 46 mapping table (case folding, NFC, compatibility forms such as `ﬁ`),
/// then RFC 3492 Punycode per label. No code here re-implements either. What Foundation leaves
/// unchecked, and this type then checks on the result, is the DNS shape: labels of letters,
/// digits and hyphens, none empty, none over 63 octets, none starting or ending with `-`.
/// Not covered: the IDNA2008 contextual rules (CONTEXTJ/CONTEXTO) and the bidi rule of
/// RFC 5893 are ICU's to enforce and are not re-checked here.
public enum IDNA {
    /// The ASCII (A-label) form of `domain`, lowercased; nil when it has none (ICU refused a
    /// label, or the result is not a DNS name). An all-ASCII domain comes back lowercased.
    public static func toASCII(_ domain: String) -> String? {
        guard !domain.isEmpty, !domain.unicodeScalars.contains(where: isForbidden) else {
            return nil
        }
        let ascii: String
        if domain.unicodeScalars.allSatisfy(\.isASCII) {
            ascii = domain.lowercased()
        } else {
            var components = URLComponents()
            components.host = domain
            // When ICU refuses a label, Foundation falls back to percent-encoding the host.
            guard let encoded = components.encodedHost, !encoded.contains("%"),
                encoded.unicodeScalars.allSatisfy(\.isASCII)
            else { return nil }
            ascii = encoded.lowercased()
        }
        return isDNSName(ascii) ? ascii : nil
    }

    /// True when every label is 1–63 letters, digits and hyphens, not starting or ending with
    /// a hyphen, and there are at least two labels (a mail domain, RFC 5321 §4.1.2).
    static func isDNSName(_ name: String) -> Bool {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, name.utf8.count <= 253 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-")
                && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy {
                    ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                }
        }
    }

    /// Characters no domain may hold in any form: controls, spaces, and URL delimiters that
    /// Foundation would otherwise percent-encode or treat as structure.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
            || "/\\?#@:[]%<>\"".unicodeScalars.contains(scalar)
    }
}
