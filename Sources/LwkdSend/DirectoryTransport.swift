import Foundation

/// The `--dry-run` transport: writes each message as `ADDRESS.eml` into a directory.
public final class DirectoryTransport: MailTransport {
    /// The directory messages go to.
    public let directory: String

    /// Creates the transport, creating `directory` when missing.
    public init(directory: String) throws(SendError) {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SendError.output(
                path: directory, reason: "cannot create directory: \(error.localizedDescription)")
        }
    }

    /// The file a recipient's message goes to.
    public func path(for address: String) -> String {
        let safe = String(
            address.lowercased().map {
                $0.isLetter || $0.isNumber || "@.-_+".contains($0) ? $0 : "_"
            })
        return (directory as NSString).appendingPathComponent(safe + ".eml")
    }

    public func deliver(_ message: [UInt8], envelope: Envelope) throws(SendError) -> String {
        let path = path(for: envelope.to)
        do {
            try Data(message).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SendError.output(path: path, reason: error.localizedDescription)
        }
        return "written to \(path)"
    }

    /// True: a dry run keeps UTF-8 addresses as they are, as an SMTPUTF8 server would get them.
    public func acceptsUTF8() throws(SendError) -> Bool { true }

    public func close() {}
}
