import Foundation
import LwkdModel
import LwkdSend

/// The targets of `send`'s inputs: the SMTP server's replies, the recipient list, the journal.
extension FuzzTargets {
    /// Replies are whole, within the limits, and their text holds no line break.
    static func smtpReply(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard let replies = try? SMTPReplyParsing.replies(in: bytes) else { return }
        let limits = SMTPReplyParsing.limits
        for reply in replies {
            if !(0...999).contains(reply.code) {
                throw FuzzFailure(target: "smtp-reply", property: "code \(reply.code)")
            }
            if reply.lines.contains(where: { $0.contains("\n") || $0.utf8.count > limits.line }) {
                throw FuzzFailure(target: "smtp-reply", property: "a line over the limit or split")
            }
            if reply.lines.reduce(0, { $0 + $1.utf8.count }) > limits.reply {
                throw FuzzFailure(target: "smtp-reply", property: "a reply over the limit")
            }
        }
    }

    /// A list is refused with a line, or gives recipients whose addresses hold no control
    /// character (each goes into RCPT TO and To:) and whose lines exist.
    static func csv(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard let list = try? RecipientList.parse(bytes, path: "list.csv") else { return }
        // Lines as the parser counts them: CR LF, a bare LF or a bare CR each end one.
        var lines = 1
        for (i, b) in bytes.enumerated()
        where b == 10 || (b == 13 && (i + 1 == bytes.count || bytes[i + 1] != 10)) {
            lines += 1
        }
        for recipient in list.recipients {
            if recipient.email.unicodeScalars.contains(where: \.isControl) {
                throw FuzzFailure(
                    target: "csv", property: "address with a control: \(recipient.email.escapingControls)")
            }
            if recipient.line < 2 || recipient.line > lines {
                throw FuzzFailure(target: "csv", property: "recipient on line \(recipient.line) of \(lines)")
            }
        }
        for problem in list.problems where problem.line < 1 || problem.line > lines + 1 {
            throw FuzzFailure(target: "csv", property: "problem on line \(problem.line) of \(lines)")
        }
    }

    /// A journal is read or refused; the lines it cannot read are numbered within the file.
    /// The journal's reader runs on the bytes (`Journal.Contents`, what `Journal(path:)` reads
    /// a file with), not on a file per input: creating one made the target ~100 executions a
    /// second. An empty file is not read (the journal writes its header into it).
    static func journal(_ bytes: [UInt8]) throws(FuzzFailure) {
        guard !bytes.isEmpty, let journal = try? Journal.Contents(bytes, path: "fuzz.journal")
        else { return }
        let lines = bytes.reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
        let numbers = journal.unreadableLineNumbers
        if numbers != numbers.sorted() || Set(numbers).count != numbers.count
            || numbers.contains(where: { $0 < 1 || $0 > lines })
        {
            throw FuzzFailure(target: "journal", property: "unreadable lines \(numbers) of \(lines)")
        }
    }
}
