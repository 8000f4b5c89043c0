/// Address checks and formatting for the subscriber list and the envelope.
public enum EmailAddress {
    /// Why `address` is not a usable `local@domain` address, or nil when it is.
    ///
    /// Accepts RFC 5321 dot-atom local parts and DNS domains (or `[IP]` literals); refuses
    /// quoted local parts and non-ASCII addresses, which need SMTPUTF8.
    public static func problem(with address: String) -> String? {
        guard !address.isEmpty else { return "empty address" }
        guard address.unicodeScalars.allSatisfy({ $0.isASCII }) else {
            return "non-ASCII addresses are not supported (they need SMTPUTF8)"
        }
        guard address.utf8.count <= 254 else { return "longer than 254 characters" }
        guard let at = address.lastIndex(of: "@") else { return "no @" }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        // RFC 5321 §4.5.3.1.1: local part at most 64 octets.
        guard !local.isEmpty, local.utf8.count <= 64 else { return "bad local part" }
        let atext = Set(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
        for part in local.split(separator: ".", omittingEmptySubsequences: false) {
            guard !part.isEmpty, part.allSatisfy({ atext.contains($0) }) else {
                return "bad local part"
            }
        }
        if domain.hasPrefix("[") && domain.hasSuffix("]") { return nil }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return "domain has no dot" }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-"),
                label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
            else { return "bad domain" }
        }
        return nil
    }

    /// The key duplicates are found by: the address lowercased.
    public static func key(_ address: String) -> String { address.lowercased() }

    /// The bare address of a mailbox such as `LWKD <news@lwkd.info>`, or the text itself.
    public static func addrSpec(of mailbox: String) -> String {
        let trimmed = mailbox.trimmingSpaces
        if let open = trimmed.lastIndex(of: "<"), let close = trimmed.lastIndex(of: ">"),
            open < close
        {
            return String(trimmed[trimmed.index(after: open)..<close]).trimmingSpaces
        }
        return trimmed
    }

    /// The domain of an address, lowercased.
    public static func domain(of address: String) -> String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? nil : domain.lowercased()
    }

    /// `"Name" <address>`, quoting the name when it needs it (RFC 5322 §3.2.4), or the address.
    ///
    /// Non-ASCII names are left to the message writer, which encodes headers (RFC 2047).
    public static func mailbox(name: String?, address: String) -> String {
        guard let name = name?.trimmingSpaces, !name.isEmpty else { return address }
        let atext = Set(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ")
        if name.allSatisfy({ atext.contains($0) }) { return "\(name) <\(address)>" }
        var quoted = "\""
        for c in name {
            if c == "\"" || c == "\\" { quoted.append("\\") }
            quoted.append(c)
        }
        return quoted + "\" <\(address)>"
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" || f == "\n" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\n" { s.removeLast() }
        return String(s)
    }
}
