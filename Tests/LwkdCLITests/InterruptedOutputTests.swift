import Foundation
import LwkdCLI
import LwkdTestSupport
import Testing

/// `-o` leaves no temporary file behind: SIGINT and SIGTERM remove it before the signal ends
/// the process, and a later run removes those a SIGKILL left (issue 15, item 10).
@Suite(.serialized) struct InterruptedOutputTests {
    static var binary: String {
        Repository.builtProducts.appendingPathComponent("lwkdconv").path
    }

    static let post =
        "---\ntitle: Week Ending August 2, 2026\ndate: 2026-08-03 22:00:00 -0000\n---\n\nText.\n"

    static func temporaries(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
            $0.contains(".lwkdconv-")
        }.sorted()
    }

    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: binary),
            "the lwkdconv binary is not built (make test builds it first)"),
        arguments: [SIGINT, SIGTERM])
    func aSignalDuringTheWriteRemovesTheTemporaryFile(signal: Int32) throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("post.md", Self.post)
        let process = Process()
        // The test runner's threads block or ignore some signals, and a child inherits both:
        // start the binary with every signal unblocked and at its default action.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); "
                + "[signal.signal(s, signal.SIG_DFL) for s in (signal.SIGINT, signal.SIGTERM)]; "
                + "os.execv(sys.argv[1], sys.argv[1:])",
            Self.binary, "post.md", "--to", "html", "-o", "out.html",
        ]
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        // Holds the run for 20 s once its temporary file exists.
        environment["LWKD_TEST_HOLD_TEMPORARY"] = "20"
        process.environment = environment
        try process.run()
        let deadline = Date().addingTimeInterval(15)
        while Self.temporaries(in: directory.path).isEmpty, Date() < deadline {
            usleep(10_000)
        }
        #expect(Self.temporaries(in: directory.path).count == 1)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        // Ended by the signal itself, as without the handler.
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signal)
        #expect(Self.temporaries(in: directory.path) == [])
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/out.html"))
    }

    @Test func aLaterRunRemovesStaleTemporariesOfItsOwnPattern() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("post.md", Self.post)
        // Process ids no process can have (beyond pid_max), and one that always runs (init).
        let stale = ".out.html.lwkdconv-2147483646"
        let staleOther = ".notes.txt.lwkdconv-2147483645"
        let live = ".out.html.lwkdconv-1"
        let unrelated = ".out.html.lwkdconv-x"
        for name in [stale, staleOther, live, unrelated] { _ = try directory.write(name, "partial") }
        let run = CLIRun.run(["post.md", "--to", "html", "-o", "out.html"], directory: directory.path)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(Self.temporaries(in: directory.path) == [live, unrelated].sorted())
    }
}
