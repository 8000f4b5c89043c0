import Foundation
import LwkdTestSupport
import Testing

/// validate-eml (../shared/validate: Python's `email` package and raw-byte MIME rules, with
/// validate-email-html on the HTML part) on the `.eml` of every sample and of the seed posts,
/// with the default unsubscribe link and with an https one. Skipped, saying so, where the
/// clone has no ../shared.
@Suite(.enabled(if: Repository.shared != nil, Comment(rawValue: Repository.sharedMissing)))
struct EMLValidatorTests {
    @Test(arguments: [nil, "https://lwkd.example/unsubscribe"] as [String?])
    func everySampleAndSeedPassesValidateEML(_ unsubscribe: String?) throws {
        let directory = try TemporaryDirectory()
        var files: [String] = []
        for post in Repository.samplePosts + Repository.seedPosts {
            let file = directory.path + "/\(files.count)-"
                + post.deletingPathExtension().lastPathComponent + ".eml"
            var arguments = [post.path, "--to", "eml", "-o", file, "-q"]
            arguments += ["--resource-path", post.deletingLastPathComponent().path]
            if let unsubscribe { arguments += ["--unsubscribe-url", unsubscribe] }
            let run = CLIRun.run(arguments)
            #expect(run.code == 0, "\(post.lastPathComponent): \(run.stderr)")
            files.append(file)
        }
        #expect(files.count >= 10)
        let validate = (Repository.shared?.path ?? "") + "/validate/validate-eml"
        let result = try Tool.run(validate, ["--require-crlf"] + files)
        #expect(
            result.status == 0 && result.output.contains("\(files.count) files, 0 errors"),
            "\(result.output)")
    }
}
