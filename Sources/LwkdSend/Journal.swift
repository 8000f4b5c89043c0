import Foundation

/// The send journal: an append-only file of JSON lines, one record per event, each flushed to
/// disk (`fsync`) before the send goes on.
///
/// Every recipient is recorded as `attempted` before each hand-over, then as `accepted` (with
/// the server's reply) or `failed`, or `unsent` for an attempt that never reached a server (no
/// connection, TLS or login failed). Re-reading the journal tells which Message-IDs were
/// accepted (skip them) and which were attempted but never confirmed (send them again, with the
/// same Message-ID). A second process using the same journal at the same time is refused
/// (`flock`).
public final class Journal {
    /// What one journal record says happened. The raw values are the `event` field on disk.
    public enum Event: String, Codable, Sendable {
        /// A run started (with the post and the number of recipients).
        case run
        /// A message is about to be handed over.
        case attempted
        /// The server accepted it.
        case accepted
        /// It failed for good.
        case failed
        /// It never reached a server: a re-run's copy is not a resend.
        case unsent
    }

    /// One line of the journal. Every value is a string, so older journals read the same.
    struct Record: Codable {
        var event: Event
        var time: String?
        var email: String?
        var messageID: String?
        var detail: String?
        var post: String?
        var recipients: String?

        enum CodingKeys: String, CodingKey {
            case event, time, email, detail, post, recipients
            case messageID = "message_id"
        }
    }

    /// What the journal knew about one Message-ID when it was opened.
    public enum State: String, Sendable {
        /// Handed over and not confirmed: the process stopped in between.
        case attempted
        /// The server accepted it.
        case accepted
        /// It failed for good in an earlier run.
        case failed
    }

    /// The journal's path.
    public let path: String
    /// The last state of each Message-ID recorded before this run.
    public private(set) var previous: [String: State] = [:]
    /// The 1-based numbers of the lines that could not be read (a record cut short by a crash,
    /// garbage), which were ignored; the caller warns about each.
    public private(set) var unreadableLineNumbers: [Int] = []
    /// How many lines could not be read.
    public var unreadableLines: Int { unreadableLineNumbers.count }
    private let fd: Int32
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        // Sorted keys: the same record always has the same bytes (readers do not mind order).
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    private let formatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    /// Opens (or creates) a journal and reads what earlier runs recorded.
    public init(path: String) throws(SendError) {
        self.path = path
        let existed = FileManager.default.fileExists(atPath: path)
        fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SendError.journal(path: path, message: Journal.errnoText()) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw SendError.journal(path: path, message: "not a regular file")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw SendError.journal(path: path, message: "in use by another lwkdconv send")
        }
        do {
            try load()
            if !existed {
                // A new file's directory entry must reach the disk too.
                let directory = (path as NSString).deletingLastPathComponent
                let dfd = open(
                    directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if dfd >= 0 {
                    fsync(dfd)
                    close(dfd)
                }
            }
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }

    /// Records an event for a recipient and flushes it to disk.
    ///
    /// - Parameter detail: The server's reply or the reason for a failure; never a password.
    public func record(_ event: Event, email: String, messageID: String, detail: String? = nil)
        throws(SendError)
    {
        try append(
            Record(
                event: event, time: timestamp(), email: email, messageID: messageID,
                detail: detail))
    }

    /// Records the start of a run.
    public func recordRun(post: String, recipients: Int) throws(SendError) {
        try append(
            Record(event: .run, time: timestamp(), post: post, recipients: String(recipients)))
    }

    // MARK: - Private

    private func append(_ record: some Encodable) throws(SendError) {
        let encoded: Data
        do {
            encoded = try encoder.encode(record)
        } catch {
            throw SendError.journal(path: path, message: "cannot encode a record: \(error)")
        }
        let line = String(decoding: encoded, as: UTF8.self) + "\n"
        // One write(2) per record, so a crash leaves at most one record cut short.
        let bytes = Array(line.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else {
            throw SendError.journal(
                path: path, message: written < 0 ? Journal.errnoText() : "short write")
        }
        guard fsync(fd) == 0 else {
            throw SendError.journal(path: path, message: "fsync: " + Journal.errnoText())
        }
    }

    /// The journal's first line: what the file is, and the version of its records.
    struct Header: Codable, Equatable {
        var event = "journal"
        var format = Journal.format
        var version = String(Journal.version)
    }

    /// The `format` of the header line.
    static let format = "lwkdconv send journal"
    /// The version of the records this lwkdconv writes and reads.
    static let version = 1

    private func load() throws(SendError) {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        lseek(fd, 0, SEEK_SET)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw SendError.journal(path: path, message: Journal.errnoText()) }
            if n == 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        if data.isEmpty {
            // A new (or empty) file: its first line says what it is.
            try append(Header())
            return
        }
        let contents = try Contents(data, path: path)
        // Nothing is written to the file before it is known to be a journal.
        if contents.endsCutShort {
            // The last record was cut short: the next one starts on a new line.
            let newline: [UInt8] = [10]
            _ = newline.withUnsafeBytes { write(fd, $0.baseAddress, 1) }
        }
        previous = contents.previous
        unreadableLineNumbers = contents.unreadableLineNumbers
    }

    /// What a journal's bytes say: read from memory, without the file (the `journal` fuzz
    /// target reads its inputs so).
    package struct Contents {
        /// The last state of each Message-ID.
        package var previous: [String: State] = [:]
        /// The 1-based numbers of the lines that could not be read, in order.
        package var unreadableLineNumbers: [Int] = []
        /// The last line has no line break: a record cut short, ignored.
        package var endsCutShort = false

        /// Reads a journal's bytes (not empty), or refuses a file that is not a journal.
        package init(_ data: [UInt8], path: String) throws(SendError) {
            var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            try Journal.identify(lines.first ?? [], path: path)
            if let last = data.last, last != UInt8(ascii: "\n") {
                // The last record was cut short: ignore it.
                unreadableLineNumbers.append(lines.count)
                lines.removeLast()
                endsCutShort = true
            }
            let decoder = JSONDecoder()
            for (index, line) in lines.enumerated() where !line.isEmpty {
                guard let record = try? decoder.decode(Record.self, from: Data(line)) else {
                    // An event this version does not write (older versions wrote "deferred"
                    // before each retry; the header is "journal") says nothing about delivery;
                    // anything else is unreadable.
                    let name = try? decoder.decode(EventName.self, from: Data(line))
                    if name.map({ Event(rawValue: $0.event) != nil }) ?? true {
                        unreadableLineNumbers.append(index + 1)
                    }
                    continue
                }
                guard let id = record.messageID else { continue }
                switch record.event {
                case .attempted: if previous[id] != .accepted { previous[id] = .attempted }
                case .accepted: previous[id] = .accepted
                case .failed: if previous[id] != .accepted { previous[id] = .failed }
                case .unsent: if previous[id] != .accepted { previous[id] = nil }
                case .run: break
                }
            }
            unreadableLineNumbers.sort()
        }
    }

    /// Refuses a file whose first line is neither the header nor (in a journal an earlier
    /// version wrote, which had no header) a record.
    private static func identify(_ first: ArraySlice<UInt8>, path: String) throws(SendError) {
        let decoder = JSONDecoder()
        if let header = try? decoder.decode(Header.self, from: Data(first)),
            header.event == "journal"
        {
            guard header.format == Journal.format else {
                throw SendError.journal(
                    path: path, message: "not a send journal (its format is '\(header.format)')")
            }
            guard let version = Int(header.version), version <= Journal.version else {
                throw SendError.journal(
                    path: path,
                    message:
                        "journal version \(header.version) is newer than this lwkdconv reads (\(Journal.version))"
                )
            }
            return
        }
        if (try? decoder.decode(EventName.self, from: Data(first))) != nil { return }
        throw SendError.journal(
            path: path,
            message:
                "not a send journal (its first line is neither a journal header nor a record); give --journal a new file"
        )
    }

    /// Any record's `event` field, for telling an unknown event from an unreadable line.
    private struct EventName: Decodable {
        var event: String
    }

    private func timestamp() -> String { formatter.string(from: Date()) }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
