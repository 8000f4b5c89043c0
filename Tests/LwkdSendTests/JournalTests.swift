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
            try journal.record("attempted", email: "a@x.org", messageID: "<a@x>")
            try journal.record(
                "accepted", email: "a@x.org", messageID: "<a@x>", detail: "250 ok \"quoted\"\nnext")
            try journal.record("attempted", email: "b@x.org", messageID: "<b@x>")
            try journal.record("attempted", email: "c@x.org", messageID: "<c@x>")
            try journal.record("failed", email: "c@x.org", messageID: "<c@x>", detail: "550 no")
            try journal.record("attempted", email: "d@x.org", messageID: "<d@x>")
            try journal.record(
                "unsent", email: "d@x.org", messageID: "<d@x>", detail: "cannot connect")
        }
        let reopened = try Journal(path: path)
        #expect(reopened.previous == ["<a@x>": .accepted, "<b@x>": .attempted, "<c@x>": .failed])
        #expect(reopened.unreadableLines == 0)
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
            try journal.record("accepted", email: "b@x.org", messageID: "<b@x>")
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
