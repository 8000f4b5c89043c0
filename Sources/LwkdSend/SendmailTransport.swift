import Foundation

/// Hands each message to the local mail system by piping it to `sendmail -t -i` (Postfix,
/// Exim and friends), which takes the recipients from the headers.
public final class SendmailTransport: MailTransport {
    /// The sendmail program.
    public let program: String

    /// Creates a transport.
    public init(program: String = "/usr/sbin/sendmail") {
        self.program = program
    }

    public func deliver(_ message: [UInt8], envelope: Envelope) throws(SendError) -> String {
        guard FileManager.default.isExecutableFile(atPath: program) else {
            throw SendError.configuration(
                "\(program): no such program (install a mail system or give --sendmail-program PATH)")
        }
        // A sendmail that exits early must give us EPIPE, not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        // -f sets the envelope sender; -i keeps a lone '.' line from ending the message early.
        process.arguments = ["-t", "-i", "-f", envelope.from]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw SendError.sendmail(
                program: program, reason: "cannot run: \(error.localizedDescription)",
                isTransient: false)
        }
        // Local submission uses the system's line ends (LF).
        var local: [UInt8] = []
        local.reserveCapacity(message.count)
        for (i, byte) in message.enumerated()
        where !(byte == 13 && i + 1 < message.count && message[i + 1] == 10) {
            local.append(byte)
        }
        let writeError: String?
        do {
            try input.fileHandleForWriting.write(contentsOf: local)
            writeError = nil
        } catch {
            writeError = error.localizedDescription
        }
        try? input.fileHandleForWriting.close()
        let stderrText = String(
            decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let status = process.terminationStatus
        let detail = stderrText.split(separator: "\n").first.map(String.init) ?? ""
        guard process.terminationReason == .exit, status == 0, writeError == nil else {
            let why =
                process.terminationReason == .uncaughtSignal
                ? "killed by signal \(status)" : "exit status \(status)"
            // sysexits.h EX_TEMPFAIL (75): try again later.
            throw SendError.sendmail(
                program: program, reason: "\(why)\(detail.isEmpty ? "" : ": " + detail)",
                isTransient: process.terminationReason == .exit && status == 75)
        }
        return "sendmail accepted it"
    }

    public func close() {}
}
