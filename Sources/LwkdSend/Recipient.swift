import LwkdMail

/// One subscriber from the list.
public struct Recipient: Hashable, Sendable {
    /// The address, as given (trimmed).
    public var email: String
    /// The display name, when the list has one.
    public var name: String?
    /// The unsubscribe token, when the list has one.
    public var token: String?
    /// The line of the list the recipient came from (1 is the header).
    public var line: Int

    /// Creates a recipient.
    public init(email: String, name: String? = nil, token: String? = nil, line: Int = 0) {
        self.email = email
        self.name = name
        self.token = token
        self.line = line
    }

    /// The recipient as a mailbox: display name and address.
    public var address: MailAddress { MailAddress(displayName: name, addrSpec: email) }

    /// The `To` header value: `"Name" <email>` or the bare address.
    public var mailbox: String { address.mailbox }
}
