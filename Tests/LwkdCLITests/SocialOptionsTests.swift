import Foundation
import LwkdTestSupport
import Testing

/// `lwkdconv POST --to social` with `--platform`, `--hashtags`, `--fact` and
/// `--social-format`, run in-process as an editor would.
@Suite struct SocialOptionsTests {
    static let post = """
        ---
        title: Week Ending August 2, 2026
        date: 2026-08-06 22:00:00 -0000
        ---

        ## Featured PRs

        ### [#131001: CPU manager](https://github.com/kubernetes/kubernetes/pull/131001)

        """

    static let body = "https://lwkd.info/2026/20260806\n\n"

    @Test func bothPlatformsByDefault() {
        let run = CLIRun.run(["-", "--to", "social"], stdin: Self.post)
        #expect(run.code == 0, "\(run.stderr)")
        let text =
            "Week ending August 2: CPU manager\n\n\(Self.body)#kubernetes #containers #CloudNative\n"
        #expect(run.stdout == "== Bluesky ==\n\(text)\n== Mastodon ==\n\(text)")
    }

    @Test func onePlatformHashtagsAndFacts() {
        let run = CLIRun.run(
            [
                "-", "--to", "social", "--platform", "mastodon", "--hashtags", "#k8s, lwkd",
                "--fact", "Steering candidates selected", "--fact", "CPU manager",
            ], stdin: Self.post)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            run.stdout
                == "Week ending August 2: Steering candidates selected, CPU manager\n\n"
                + "\(Self.body)#k8s #lwkd\n")
    }

    @Test func jsonForOnePlatformIsTheRecordItself() throws {
        let run = CLIRun.run(
            ["-", "--to", "social", "--platform", "bluesky", "--social-format", "json"],
            stdin: Self.post)
        #expect(run.code == 0, "\(run.stderr)")
        let record = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(record["$type"] as? String == "app.bsky.feed.post")
        #expect((record["facets"] as? [Any])?.count == 4)
    }

    @Test func badValuesAreUsageErrors() {
        for arguments in [
            ["--platform", "myspace"], ["--hashtags", "cloud-native"],
            ["--social-format", "yaml"],
        ] {
            let run = CLIRun.run(["-", "--to", "social"] + arguments, stdin: Self.post)
            #expect(run.code == 64, "\(arguments): \(run.stderr)")
        }
    }

    @Test func theOptionsLeaveOtherFormatsAlone() {
        let plain = CLIRun.run(["-", "--to", "plain"], stdin: Self.post)
        let withOptions = CLIRun.run(
            ["-", "--to", "plain", "--platform", "bluesky", "--fact", "x"], stdin: Self.post)
        #expect(plain.code == 0)
        #expect(plain.stdout == withOptions.stdout)
    }

    @Test func theOutputFileNameSelectsTheAnnouncement() throws {
        let dir = try TemporaryDirectory()
        let input = try dir.write("2026-08-06-update.md", Self.post)
        let run = CLIRun.run(
            [input, "-o", dir.path + "/week.social.txt", "--platform", "bluesky"],
            directory: dir.path)
        #expect(run.code == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: dir.path + "/week.social.txt", encoding: .utf8)
        #expect(text.hasPrefix("Week ending August 2: CPU manager\n\nhttps://lwkd.info/"))
    }
}
