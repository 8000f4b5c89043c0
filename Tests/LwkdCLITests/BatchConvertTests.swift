import Foundation
import LwkdTestSupport
import LwkdWriters
import Testing

/// `lwkdconv PATH… --to FORMAT -o DIR/`: one output per post, the same bytes as one run each.
@Suite struct BatchConvertTests {
    /// Converts `posts` with one run per format into a folder, and with one run per post, and
    /// compares every file byte for byte.
    func expectBatchEqualsSingleRuns(_ posts: [URL], extraArguments: [String] = []) throws {
        let out = try TemporaryDirectory()
        for writer in Writers.all {
            let folder = out.path + "/\(writer.format)/"
            let batch = CLIRun.run(
                posts.map(\.path) + ["--to", writer.format, "-o", folder, "--quiet"]
                    + extraArguments)
            try #require(batch.code == 0, "\(writer.format): \(batch.stderr)")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(names.count == posts.count, "\(writer.format)")
            for post in posts {
                let stem = post.deletingPathExtension().lastPathComponent
                let name = stem + "." + writer.fileExtensions[0]
                let single = out.path + "/single-" + name
                let run = CLIRun.run(
                    [post.path, "--to", writer.format, "-o", single, "--quiet"] + extraArguments)
                try #require(run.code == 0, "\(post.lastPathComponent) \(writer.format)")
                let a = try Data(contentsOf: URL(fileURLWithPath: folder + name))
                let b = try Data(contentsOf: URL(fileURLWithPath: single))
                #expect(a == b, "\(post.lastPathComponent) as \(writer.format) differs")
                try FileManager.default.removeItem(atPath: single)
            }
        }
    }

    @Test func samplesInOneRunEqualOneRunEach() throws {
        try expectBatchEqualsSingleRuns(
            Repository.samplePosts, extraArguments: ["--resource-path", Repository.samples.path])
    }

    @Test func theCorpusInOneRunEqualsOneRunEach() throws {
        let posts = Repository.corpusPosts
        guard !posts.isEmpty, let shared = Repository.shared else {
            print("skipped: corpus batch comparison (../shared/corpus absent)")
            return
        }
        try expectBatchEqualsSingleRuns(
            posts, extraArguments: ["--resource-path", shared.appendingPathComponent("corpus").path])
    }

    @Test func aFolderInputWritesOneFilePerPost() throws {
        let site = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            atPath: site.path + "/_posts", withIntermediateDirectories: true)
        let post = "---\ntitle: Week Ending August 16, 2026\ndate: 2026-08-18 22:00:00 -0000\n---\n\nHi.\n"
        _ = try site.write("_posts/2026-08-16-update.md", post)
        _ = try site.write("_posts/2026-08-23-update.md", post.replacingOccurrences(of: "16", with: "23"))
        let run = CLIRun.run([".", "--to", "plain", "-o", "out/"], directory: site.path)
        #expect(run.code == 0, "\(run.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: site.path + "/out").sorted()
        #expect(names == ["2026-08-16-update.txt", "2026-08-23-update.txt"])
    }

    @Test func severalInputsNeedAFolder() throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("a.md", "# A\n")
        _ = try dir.write("b.md", "# B\n")
        let run = CLIRun.run(["a.md", "b.md", "--to", "html"], directory: dir.path)
        #expect(run.code == 64)
        #expect(run.stderr.contains("give -o DIR/"))
        let file = CLIRun.run(["a.md", "b.md", "--to", "html", "-o", "x.html"], directory: dir.path)
        #expect(file.code == 64)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/x.html"))
        // Two posts that would write one file, and an output onto its input.
        try FileManager.default.createDirectory(
            atPath: dir.path + "/sub", withIntermediateDirectories: true)
        _ = try dir.write("sub/a.md", "# A again\n")
        let clash = CLIRun.run(["a.md", "sub/a.md", "--to", "html", "-o", "out/"], directory: dir.path)
        #expect(clash.code == 64)
        #expect(clash.stderr.contains("would both write out/a.html"))
        let own = CLIRun.run(["a.md", "b.md", "--to", "markdown", "-o", "./"], directory: dir.path)
        #expect(own.code == 64)
        #expect(own.stderr.contains("would replace the post itself"))
        #expect(try String(contentsOfFile: dir.path + "/a.md", encoding: .utf8) == "# A\n")
    }

    @Test func keepGoingSkipsABadPostAndFailsAtTheEnd() throws {
        let dir = try TemporaryDirectory()
        _ = try dir.write("a.md", "# A\n")
        _ = try dir.write("bad.md", [0x66, 0x00, 0x67])
        _ = try dir.write("c.md", "# C\n")
        let stop = CLIRun.run(["a.md", "bad.md", "c.md", "--to", "html", "-o", "out/"], directory: dir.path)
        #expect(stop.code == 6)
        #expect(stop.stderr.contains("bad.md"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/a.html"))
        let going = CLIRun.run(
            ["a.md", "bad.md", "c.md", "--to", "html", "-o", "out/", "--keep-going"],
            directory: dir.path)
        #expect(going.code == 6)
        #expect(going.stderr.contains("warning: skipped: bad.md"), "\(going.stderr)")
        #expect(going.stderr.contains("1 of 3 posts skipped"))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/out").sorted()
        #expect(names == ["a.html", "c.html"])
    }
}
