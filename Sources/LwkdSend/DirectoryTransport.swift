import Foundation
import LwkdMail

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

    /// The file name given to each address in this run, and the names taken.
    private var names: [String: String] = [:]
    private var taken: Set<String> = []

    /// The file a recipient's message goes to: unique within the run, the same for every try.
    ///
    /// An address whose lowercase form is a safe file name keeps it (`ann@example.org.eml`).
    /// Any other has its unsafe characters replaced by `_` and the first 8 hex digits of its
    /// SHA-256 appended (`a_b@example.org~1f0c…`), so `a/b@x` never takes `a_b@x`'s file;
    /// should two names still meet, the later gets `-2`, `-3`…
    public func path(for address: String) -> String {
        if let name = names[address] { return file(name) }
        let lowered = address.lowercased()
        let safe = String(
            lowered.map { $0.isLetter || $0.isNumber || "@.-_+".contains($0) ? $0 : "_" })
        let base = safe == lowered ? safe : safe + "~" + sha256Hex(address).prefix(8)
        var name = base
        var next = 2
        while taken.contains(name) {
            name = "\(base)-\(next)"
            next += 1
        }
        names[address] = name
        taken.insert(name)
        return file(name)
    }

    private func file(_ name: String) -> String {
        (directory as NSString).appendingPathComponent(name + ".eml")
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
