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
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        try #require(lines.count == 2)
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
        // Only the record with a number where a string belongs is unreadable.
        #expect(journal.unreadableLines == 1)
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
            try journal.record(.accepted, email: "b@x.org", messageID: "<b@x>")
        }
        let reopened = try Journal(path: path)
        #expect(reopened.previous == ["<a@x>": .accepted, "<b@x>": .accepted])
        #expect(reopened.unreadableLines == 1)
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

    @Test func refusesADeviceOrDirectory() throws {
        #expect(throws: SendError.journal(path: "/dev/full", message: "not a regular file")) {
            _ = try Journal(path: "/dev/full")
        }
        let dir = try TemporaryDirectory()
        defer { dir.cleanUp() }
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
}
