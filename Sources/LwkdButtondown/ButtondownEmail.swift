import Foundation

/// The email `send --buttondown` creates or updates: the fields of Buttondown's `EmailInput`
/// it sets (https://docs.buttondown.com/api-emails-create; the `EmailInput` schema of
/// Buttondown's OpenAPI spec, https://github.com/buttondown/openapi).
public struct ButtondownEmail: Hashable, Sendable {
    /// `status`: what Buttondown does with the email.
    public enum Status: String, CaseIterable, Sendable {
        /// Kept for the editors to review and send by hand (the default).
        case draft
        /// Sent at `publish_date` (which is then required: error code `publish_date_missing`).
        case scheduled
        /// Sent now.
        case aboutToSend = "about_to_send"
    }

    /// `subject`.
    public var subject: String
    /// `body`: Markdown or HTML ("Can be either HTML or markdown").
    public var body: String
    /// `status`.
    public var status: Status
    /// `publish_date`, ISO 8601 (`2026-08-20T15:00:00Z`); only for ``Status/scheduled``.
    public var publishDate: String?

    /// Creates an email.
    public init(subject: String, body: String, status: Status = .draft, publishDate: String? = nil)
    {
        self.subject = subject
        self.body = body
        self.status = status
        self.publishDate = publishDate
    }

    /// The JSON request body of `POST /v1/emails` and `PATCH /v1/emails/{id}`.
    func json() throws -> Data {
        var object: [String: String] = [
            "subject": subject, "body": body, "status": status.rawValue,
        ]
        if let publishDate { object["publish_date"] = publishDate }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}

/// What `send --buttondown` did.
public struct ButtondownOutcome: Hashable, Sendable, CustomStringConvertible {
    /// True when an earlier run's email was found and updated rather than a new one created.
    public var updated: Bool
    /// Buttondown's id for the email.
    public var id: String
    /// Its status afterwards.
    public var status: String
    /// Requests made, retries included.
    public var requests: Int

    public var description: String {
        "\(updated ? "updated" : "created") \(status) \(id)"
    }
}

/// A failure of the hand-off, as one line: what Buttondown said, and what to do.
public struct ButtondownError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The message.
    public var description: String
    /// True when trying again later may succeed (429, 5xx, the network).
    public var isTransient: Bool
    /// Seconds Buttondown asked to wait (`Retry-After` on a 429).
    public var retryAfter: Double?

    /// Creates an error.
    public init(_ description: String, isTransient: Bool = false, retryAfter: Double? = nil) {
        self.description = description
        self.isTransient = isTransient
        self.retryAfter = retryAfter
    }
}
