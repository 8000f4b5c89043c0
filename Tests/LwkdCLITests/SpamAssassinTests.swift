import Foundation
import LwkdTestSupport
import Testing

/// Every sample and seed message, with and without DKIM, in both themes, scores 0.0 or less
/// with SpamAssassin's local rules (`spamassassin -L -t`).
@Suite struct SpamAssassinTests {
    static let spamassassin = "/usr/bin/spamassassin"

    /// The scores SpamAssassin gives each message of an mbox, in order (one process, so its
    /// rules load once).
    func scores(_ mbox: String) throws -> [Double] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.spamassassin)
        process.arguments = ["-L", "--mbox", "-t"]
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: mbox))
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.split(separator: "\n").filter { $0.hasPrefix("X-Spam-Status:") }.compactMap {
            line in
            line.range(of: "score=").flatMap { Double(line[$0.upperBound...].prefix { $0 != " " }) }
        }
    }

    @Test func messagesScoreNothing() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.spamassassin) else {
            print("skipped: SpamAssassin scores (apt-get install spamassassin)")
            return
        }
        let dir = try TemporaryDirectory()
        let keygen = CLIRun.run(
            ["dkim", "keygen", "--selector", "s", "--domain", "lwkd.info", "-o", "key.pem"],
            directory: dir.path)
        try #require(keygen.code == 0)
        var mbox = ""
        var names: [String] = []
        for post in Repository.samplePosts + Repository.seedPosts {
            for theme in ["default", "lwkd"] {
                for dkim in [[], ["--dkim-key", "key.pem", "--dkim-selector", "s"]] {
                    let run = CLIRun.run(
                        [post.path, "--to", "eml", "--theme", theme, "--quiet",
                         "--resource-path", Repository.samples.path] + dkim,
                        directory: dir.path)
                    try #require(run.code == 0, "\(run.stderr)")
                    // mbox: a From_ line, LF line ends, body lines starting "From " quoted.
                    let body = run.stdout.replacingOccurrences(of: "\r\n", with: "\n")
                        .replacingOccurrences(of: "\nFrom ", with: "\n>From ")
                    mbox += "From lwkd@lwkd.info Thu Jan  1 00:00:00 1970\n" + body + "\n"
                    names.append("\(post.lastPathComponent) \(theme)\(dkim.isEmpty ? "" : " dkim")")
                }
            }
        }
        let file = try dir.write("all.mbox", mbox)
        let scores = try scores(file)
        try #require(scores.count == names.count, "\(scores.count) scores for \(names.count) messages")
        for (name, score) in zip(names, scores) {
            #expect(score <= 0.0, "\(name): \(score)")
        }
    }
}
