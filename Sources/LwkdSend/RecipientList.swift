import Foundation
import LwkdMail

/// A subscriber list read from CSV: a header row naming an `email` column, and optionally
/// `name` and `token`; other columns are ignored.
///
/// Invalid addresses are reported with their line and left out; a repeated address is kept
/// once, at its first line.
public struct RecipientList: Sendable {
    /// The recipients to send to, in list order, each address once.
    public var recipients: [Recipient]
    /// Rows left out, each with its line and why (invalid address, duplicate).
    public var problems: [Problem]

    /// A row that was left out.
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        /// The list's path, for messages.
        public var path: String
        /// The 1-based line of the row.
        public var line: Int
        /// What is wrong with it.
        public var message: String
        /// True when the row repeats an earlier address (not an error: it is sent once).
        public var isDuplicate: Bool

        public var description: String { "\(path):\(line): \(message)" }
    }

    /// Parses a list.
    ///
    /// - Parameter path: The list's path, used only in messages.
    /// - Throws: ``SendError/list(path:line:message:)`` when the file is not UTF-8, has no
    ///   header with an `email` column, or has an unterminated quote.
    public static func parse(_ bytes: [UInt8], path: String) throws(SendError) -> RecipientList {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SendError.list(path: path, line: nil, message: "not UTF-8 text")
        }
        let records: [CSVParser.Record]
        do {
            records = try CSVParser.records(in: text)
        } catch {
            throw SendError.list(path: path, line: error.line, message: "quoted field never closes")
        }
        guard let header = records.first else {
            throw SendError.list(
                path: path, line: nil,
                message: "empty list (expected a header row with an 'email' column)")
        }
        let names = header.fields.map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        }
        guard let emailColumn = names.firstIndex(of: "email") else {
            throw SendError.list(
                path: path, line: header.line,
                message:
                    "the header has no 'email' column (found: \(names.joined(separator: ", ")))")
        }
        // A second column of a name we read would be dropped without a word: refuse instead.
        for column in ["email", "name", "token"] {
            let positions = names.indices.filter { names[$0] == column }.map { $0 + 1 }
            if positions.count > 1 {
                throw SendError.list(
                    path: path, line: header.line,
                    message:
                        "the header has \(positions.count) '\(column)' columns (columns \(positions.map(String.init).joined(separator: ", "))); keep one"
                )
            }
        }
        let nameColumn = names.firstIndex(of: "name")
        let tokenColumn = names.firstIndex(of: "token")
        var list = RecipientList(recipients: [], problems: [])
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            func field(_ column: Int?) -> String? {
                guard let column, column < record.fields.count else { return nil }
                let value = record.fields[column].trimmingCharacters(in: .whitespacesAndNewlines)
                return value.isEmpty ? nil : value
            }
            let email = field(emailColumn) ?? ""
            if let problem = MailAddress.problem(with: email) {
                let shown = email.isEmpty ? "" : " '\(email)'"
                list.problems.append(
                    Problem(
                        path: path, line: record.line,
                        message: "invalid address\(shown): \(problem); skipped", isDuplicate: false)
                )
                continue
            }
            let key = MailAddress(addrSpec: email).key
            if let first = seen[key] {
                list.problems.append(
                    Problem(
                        path: path, line: record.line,
                        message: "\(email) repeats line \(first); sent once", isDuplicate: true))
                continue
            }
            seen[key] = record.line
            // A name ends up in the To header: no line breaks or other controls may reach it.
            let name = field(nameColumn).map { name in
                name.split(whereSeparator: {
                    $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
                })
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
                .joined(separator: " ")
            }
            list.recipients.append(
                Recipient(
                    email: email, name: name?.isEmpty == true ? nil : name,
                    token: field(tokenColumn), line: record.line))
        }
        return list
    }
}
