import Foundation

/// One mailbox (RFC 5322 §3.4): an optional display name and an addr-spec, as in
/// `LWKD <news@lwkd.info>`, `"Smith, Ann" <ann@example.org>` or `ann@example.org`.
///
/// The one address parser of the package: the eml writer's From and To, the HTML e-mail's
/// `mailto:` unsubscribe link, `send`'s From and its subscriber list all go through it.
public struct MailAddress: Hashable, Sendable {
    /// The display name, unquoted (`Smith, Ann`); nil when there is none.
    public var displayName: String?
    /// The bare address, `local@domain`, as given.
    public var addrSpec: String

    /// Creates a mailbox; a name that is empty after trimming counts as none.
    public init(displayName: String? = nil, addrSpec: String) {
        let name = displayName?.trimmingCharacters(in: .whitespacesAndNewlines)
        self.displayName = name?.isEmpty == false ? name : nil
        self.addrSpec = addrSpec
    }

    /// Splits a mailbox into its display name and addr-spec.
    ///
    /// `Name <addr>` and `"Quoted \"Name\"" <addr>` give a name (quotes and backslash escapes
    /// removed); anything else is taken as a bare addr-spec. Parsing never fails: check
    /// ``problem`` for whether the result is usable.
    public init(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else {
            self.init(addrSpec: trimmed)
            return
        }
        let close = trimmed.index(before: trimmed.endIndex)
        let spec = trimmed[trimmed.index(after: open)..<close].trimmingCharacters(
            in: .whitespacesAndNewlines)
        self.init(
            displayName: MailAddress.unquoted(
                trimmed[..<open].trimmingCharacters(in: .whitespacesAndNewlines)), addrSpec: spec)
    }

    /// Why this mailbox cannot be used in a header or an SMTP envelope, or nil when it can.
    public var problem: String? {
        if let displayName,
            displayName.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        {
            return "the display name has a control character"
        }
        return MailAddress.problem(with: addrSpec)
    }

    /// The domain, lowercased; nil when the address has none.
    public var domain: String? {
        guard let at = addrSpec.lastIndex(of: "@") else { return nil }
        let domain = addrSpec[addrSpec.index(after: at)...]
        return domain.isEmpty ? nil : domain.lowercased()
    }

    /// The key duplicates are found by, and Message-IDs are computed from: the addr-spec
    /// lowercased.
    public var key: String { addrSpec.lowercased() }

    /// `Name <address>`, the name quoted when it is not all atoms and spaces (RFC 5322 §3.2.4),
    /// or the bare address. Non-ASCII names are kept as they are (see ``headerValue``).
    public var mailbox: String {
        guard let displayName else { return addrSpec }
        if displayName.allSatisfy({ MailAddress.phraseText.contains($0) }) {
            return "\(displayName) <\(addrSpec)>"
        }
        var quoted = "\""
        for c in displayName {
            if c == "\"" || c == "\\" { quoted.append("\\") }
            quoted.append(c)
        }
        return quoted + "\" <\(addrSpec)>"
    }

    /// The mailbox as a header value in 7-bit ASCII: ``mailbox``, with a non-ASCII name as
    /// RFC 2047 encoded-words instead.
    public var headerValue: String {
        guard let displayName, !MIMEHeader.isPrintableASCII(displayName) else { return mailbox }
        return MIMEHeader.encodedWords(displayName) + " <\(addrSpec)>"
    }

    /// Why `address` is not a usable `local@domain` address, or nil when it is.
    ///
    /// Accepts RFC 5321 dot-atom local parts and DNS domains (or `[IP]` literals), and their
    /// international forms (RFC 6531 §3.3, RFC 6532 §3.2): UTF-8 characters in the local part,
    /// and a Unicode domain that has an IDNA (A-label) form. Refuses quoted local parts.
    public static func problem(with address: String) -> String? {
        guard !address.isEmpty else { return "empty address" }
        guard address.utf8.count <= 254 else { return "longer than 254 characters" }
        guard let at = address.lastIndex(of: "@") else { return "no @" }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        // RFC 5321 §4.5.3.1.1: local part at most 64 octets.
        guard !local.isEmpty, local.utf8.count <= 64 else { return "bad local part" }
        for part in local.split(separator: ".", omittingEmptySubsequences: false) {
            // RFC 6532 §3.2: atext extended with UTF8-non-ascii.
            guard !part.isEmpty,
                part.unicodeScalars.allSatisfy({ isInternationalAtext($0) })
            else {
                return "bad local part"
            }
        }
        if domain.hasPrefix("[") && domain.hasSuffix("]") {
            // RFC 5321 §4.1.3: an address literal holds printable ASCII other than `[`, `\`
            // and `]` (a control character would reach RCPT TO; a fuzz finding, issue 15).
            let literal = domain.dropFirst().dropLast().unicodeScalars
            let isDcontent: (Unicode.Scalar) -> Bool = {
                (33...126).contains($0.value) && $0 != "[" && $0 != "\\" && $0 != "]"
            }
            return !literal.isEmpty && literal.allSatisfy(isDcontent) ? nil : "bad address literal"
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return "domain has no dot" }
        for label in labels {
            guard !label.isEmpty, !label.hasPrefix("-"), !label.hasSuffix("-"),
                label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
            else { return "bad domain" }
        }
        // An ASCII domain's labels must fit DNS; a Unicode one must have an A-label form that
        // does (RFC 5890 §2.3.2.1), which is what a server without SMTPUTF8 is sent.
        guard IDNA.toASCII(String(domain)) != nil else {
            return domain.unicodeScalars.allSatisfy(\.isASCII)
                ? "bad domain" : "the domain has no IDNA (punycode) form"
        }
        return nil
    }

    /// The part before the last `@`.
    public var localPart: Substring {
        addrSpec.lastIndex(of: "@").map { addrSpec[..<$0] } ?? Substring(addrSpec)
    }

    /// True when the address holds a non-ASCII character (RFC 6531): sending it as it is
    /// needs a server that offers SMTPUTF8.
    public var isInternational: Bool { !addrSpec.unicodeScalars.allSatisfy(\.isASCII) }

    /// The address as a server without SMTPUTF8 can take it: the domain in its IDNA (punycode)
    /// form, the local part as it is. Nil when the local part is not ASCII: such an address has
    /// no ASCII form (RFC 6530 §10.1 leaves no downgrade for it). An ASCII address is returned
    /// unchanged.
    public var asciiAddrSpec: String? {
        guard isInternational else { return addrSpec }
        guard localPart.unicodeScalars.allSatisfy(\.isASCII),
            let domain = addrSpec.lastIndex(of: "@").map({ addrSpec[addrSpec.index(after: $0)...] }),
            let ascii = IDNA.toASCII(String(domain))
        else { return nil }
        return localPart + "@" + ascii
    }

    /// RFC 5322 `atext`, or any non-ASCII character other than a control (RFC 6532 §3.2).
    private static func isInternationalAtext(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return atextScalars.contains(scalar) }
        return scalar.properties.generalCategory != .control
            && !scalar.properties.isWhitespace
    }
}

extension MailAddress: CustomStringConvertible {
    /// ``mailbox``.
    public var description: String { mailbox }
}

extension MailAddress {
    /// RFC 5322 `atext`.
    fileprivate static let atext = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
    /// What a display name may hold unquoted: atoms and the spaces between them.
    fileprivate static let phraseText = atext.union([" "])
    /// ``atext`` as scalars.
    fileprivate static let atextScalars = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~"
            .unicodeScalars)

    /// A display name without its surrounding quotes and backslash escapes; nil when empty.
    fileprivate static func unquoted(_ name: String) -> String? {
        guard name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") else {
            return name.isEmpty ? nil : name
        }
        var out = ""
        var isEscaped = false
        for c in name.dropFirst().dropLast() {
            if !isEscaped, c == "\\" {
                isEscaped = true
                continue
            }
            isEscaped = false
            out.append(c)
        }
        return out
    }
}
