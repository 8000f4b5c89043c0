import Foundation
import Testing

@testable import LwkdSend

@Suite struct JournalTests {
    @Test func remembersTheLastStateOfEachMessage() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path + "/send.journal"
        do {
            let journal = try Journal(path: path)
            try journal.recordRun(post: "p", recipients: 3)
            try journal.record(.attempted, email: "a@x.org", messageID: "<a@x>")
            try journal.record(
                .accepted, email: "a@x.org", messageID: "<a@x>", detail: "250 ok \"quoted\"\nnext")
            try journal.record(.attempted, email: "b@x.org", messageID: "<b@x>")
            try journal.record(.attempted, email: "c@x.org", messageID: "<c@x>")
            try journal.record(.failed, email: "c@x.org", messageID: "<c@x>", detail: "550 no")
            try journal.record(.attempted, email: "d@x.org", messageID: "<d@x>")
            try journal.record(
                .unsent, email: "d@x.org", messageID: "<d@x>", detail: "cannot connect")
        }
        let reopened = try Journal(path: path)
        #expect(reopened.previous == ["<a@x>": .accepted, "<b@x>": .attempted, "<c@x>": .failed])
        #expect(reopened.unreadableLines == 0)
    }

    @Test func writesOneJSONObjectPerLineWithTheKeysEarlierVersionsRead() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path + "/send.journal"
        do {
            let journal = try Journal(path: path)
            try journal.recordRun(post: "https://lwkd.info/2026/x", recipients: 2)
            try journal.record(.accepted, email: "a@x.org", messageID: "<a@x>", detail: "250 ok")
        }
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        // After the header line (issue 15): the records.
        try #require(lines.count == 3)
        #expect(lines.removeFirst() == Self.header)
        #expect(
            lines[0].wholeMatch(
                of:
                    #/\{"event":"run","post":"https://lwkd.info/2026/x","recipients":"2","time":"[-0-9T:.]+Z"\}/#
            ) != nil, "\(lines[0])")
        #expect(
            lines[1].wholeMatch(
                of:
                    #/\{"detail":"250 ok","email":"a@x.org","event":"accepted","message_id":"<a@x>","time":"[-0-9T:.]+Z"\}/#
            ) != nil, "\(lines[1])")
    }

    @Test func readsAJournalAnEarlierVersionWrote() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path + "/send.journal"
        // Earlier versions also wrote "deferred" before each retry; it never changed a state.
        let text = """
            {"event":"run","time":"2026-11-18T05:00:00.000Z","post":"p","recipients":"2"}
            {"event":"attempted","time":"2026-11-18T05:00:00.100Z","email":"a@x.org","message_id":"<a@x>"}
            {"event":"deferred","time":"2026-11-18T05:00:00.200Z","email":"a@x.org","message_id":"<a@x>","detail":"451 later"}
            {"event":"attempted","time":"2026-11-18T05:00:02.200Z","email":"a@x.org","message_id":"<a@x>"}
            {"event":"accepted","time":"2026-11-18T05:00:02.300Z","email":"a@x.org","message_id":"<a@x>","detail":"250 ok"}
            {"event":"attempted","time":"2026-11-18T05:00:02.400Z","email":"b@x.org","message_id":"<b@x>"}
            {"event":"deferred","time":"2026-11-18T05:00:02.500Z","email":"b@x.org","message_id":"<b@x>","detail":"421 busy"}
            {"event":"attempted","email":1}

            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let journal = try Journal(path: path)
        #expect(journal.previous == ["<a@x>": .accepted, "<b@x>": .attempted])
        // Only the record with a number where a string belongs is unreadable: line 8.
        #expect(journal.unreadableLines == 1)
        #expect(journal.unreadableLineNumbers == [8])
    }

    @Test func ignoresARecordCutShortAndStartsAfreshLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path + "/send.journal"
        let text =
            "{\"event\":\"accepted\",\"email\":\"a@x.org\",\"message_id\":\"<a@x>\"}\n{\"event\":\"acc"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        do {
            let journal = try Journal(path: path)
            #expect(journal.previous == ["<a@x>": .accepted])
            #expect(journal.unreadableLines == 1)
            #expect(journal.unreadableLineNumbers == [2])
            try journal.record(.accepted, email: "b@x.org", messageID: "<b@x>")
        }
        let reopened = try Journal(path: path)
        #expect(reopened.previous == ["<a@x>": .accepted, "<b@x>": .accepted])
        #expect(reopened.unreadableLines == 1)
    }

    /// `Journal.Contents` (what the `journal` fuzz target reads its inputs with) is what
    /// opening the file reads: the same states, the same unreadable lines, the same refusals.
    @Test func readingTheBytesIsReadingTheFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let texts = [
            Self.header + "\n{\"event\":\"accepted\",\"message_id\":\"<a@x>\"}\ngarbage\n\n"
                + "{\"event\":\"deferred\",\"message_id\":\"<b@x>\"}\n{\"event\":\"attempted\",\"message_id\":\"<b@x>\"}\n{\"ev",
            "{\"event\":\"failed\",\"message_id\":\"<c@x>\"}\n{\"event\":2}\n",
            "not a journal\n",
            "{\"event\":\"journal\",\"format\":\"lwkdconv send journal\",\"version\":\"9\"}\n",
        ]
        for (index, text) in texts.enumerated() {
            let path = dir.path + "/j\(index)"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let file = Result { () throws(SendError) in try Journal(path: path) }
            let bytes = Result { () throws(SendError) in
                try Journal.Contents(Array(text.utf8), path: path)
            }
            switch (file, bytes) {
            case (.success(let journal), .success(let contents)):
                #expect(journal.previous == contents.previous, "\(text)")
                #expect(journal.unreadableLineNumbers == contents.unreadableLineNumbers, "\(text)")
                #expect(contents.endsCutShort == !text.hasSuffix("\n"))
            case (.failure(let a), .failure(let b)):
                #expect(a == b)
            default:
                Issue.record("file \(file), bytes \(bytes): \(text)")
            }
        }
        let first = try Journal.Contents(Array(texts[0].utf8), path: "j")
        #expect(first.previous == ["<a@x>": .accepted, "<b@x>": .attempted])
        #expect(first.unreadableLineNumbers == [3, 7])
    }

    @Test func refusesASecondUserAtTheSameTime() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let first = try Journal(path: dir.path + "/j")
        #expect(
            throws: SendError.journal(
                path: dir.path + "/j", message: "in use by another lwkdconv send")
        ) {
            _ = try Journal(path: dir.path + "/j")
        }
        _ = first
    }

    @Test func refusesAFIFOOrDirectory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        // A FIFO made here (never the system's own /dev entries); O_RDWR does not block on it.
        let fifo = dir.path + "/fifo"
        try #require(mkfifo(fifo, 0o600) == 0)
        #expect(throws: SendError.journal(path: fifo, message: "not a regular file")) {
            _ = try Journal(path: fifo)
        }
        #expect(throws: SendError.self) { _ = try Journal(path: dir.path) }
    }

    @Test func reportsAJournalThatCannotBeCreated() {
        #expect(
            throws: SendError.journal(
                path: "/nonexistent-dir/j", message: "No such file or directory")
        ) {
            _ = try Journal(path: "/nonexistent-dir/j")
        }
    }

    // MARK: - A journal is a journal (issue 15, item 4)

    static let header = #"{"event":"journal","format":"lwkdconv send journal","version":"1"}"#

    @Test func aNewJournalStartsWithALineThatSaysWhatItIs() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path + "/send.journal"
        do {
            let journal = try Journal(path: path)
            try journal.recordRun(post: "p", recipients: 1)
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.first.map(String.init) == Self.header)
        #expect(lines.count == 2)
        // Reopened, it is recognised and not given a second header.
        do { _ = try Journal(path: path) }
        let again = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(again.count == 2)
    }

    @Test func anEmptyFileBecomesAJournal() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path + "/j"
        try Data().write(to: URL(fileURLWithPath: path))
        do { _ = try Journal(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.header + "\n")
    }

    @Test(arguments: [
        ("list.csv", Array("email,name\nreader@example.org,Reader\n".utf8)),
        ("post.md", Array("---\ntitle: Week Ending\n---\n\nText.\n".utf8)),
        ("logo.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] as [UInt8]),
        ("other.json", Array(#"{"name":"not a journal"}"#.utf8)),
    ])
    func refusesAFileThatIsNotAJournalAndLeavesItAlone(name: String, bytes: [UInt8]) throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(
            throws: SendError.journal(
                path: path,
                message: "not a send journal (its first line is neither a journal header nor a record); give --journal a new file"
            )
        ) { _ = try Journal(path: path) }
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == bytes)
    }

    @Test func refusesAJournalOfANewerVersion() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path + "/j"
        let text = #"{"event":"journal","format":"lwkdconv send journal","version":"2"}"# + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(
            throws: SendError.journal(
                path: path, message: "journal version 2 is newer than this lwkdconv reads (1)")
        ) { _ = try Journal(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func garbageLinesAreNumbered() throws {
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
        let path = dir.path + "/j"
        let text = [
            Self.header,
            #"{"event":"accepted","email":"a@x.org","message_id":"<a@x>"}"#,
            "garbage", "\u{1B}[2J",
            #"{"event":"accepted","email":"b@x.org","message_id":"<b@x>"}"#, "",
        ].joined(separator: "\n")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let journal = try Journal(path: path)
        #expect(journal.previous == ["<a@x>": .accepted, "<b@x>": .accepted])
        #expect(journal.unreadableLineNumbers == [3, 4])
    }
}
