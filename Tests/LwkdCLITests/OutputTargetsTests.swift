import Foundation
import LwkdTestSupport
import Testing

/// Issue 15, items 1 and 7: `-o` never replaces what it should write into, and a write that
/// fails is an error. Every device, FIFO and link is made in a temporary folder by the test;
/// none of the system's own `/dev` entries is touched.
@Suite struct OutputTargetsTests {
    static let isRoot = getuid() == 0

    static func post(in directory: TemporaryDirectory) throws -> String {
        try directory.write(
            "2026-08-16-update.md",
            "---\ntitle: Week Ending August 16, 2026\ndate: 2026-08-20 22:00:00 -0000\n---\n\nHi.\n")
    }

    /// `mknod PATH c MAJOR MINOR` in the test's own folder.
    static func makeDevice(_ path: String, major: Int, minor: Int) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/mknod")
        process.arguments = [path, "c", String(major), String(minor)]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    static func isCharacterDevice(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR
    }

    @Test func aSymlinkKeepsBeingALinkAndItsTargetGetsTheOutput() throws {
        let directory = try TemporaryDirectory()
        _ = try Self.post(in: directory)
        let target = try directory.write("target.txt", "old")
        let link = directory.path + "/link.txt"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let run = CLIRun.run(
            ["2026-08-16-update.md", "--to", "plain", "-o", "link.txt"], directory: directory.path)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: link) == target,
            "the link itself was replaced")
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("Week Ending"))
    }

    @Test func aDanglingOrLoopingLinkIsRefused() throws {
        let directory = try TemporaryDirectory()
        _ = try Self.post(in: directory)
        let loop = directory.path + "/loop"
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
        let run = CLIRun.run(
            ["2026-08-16-update.md", "--to", "plain", "-o", "loop"], directory: directory.path)
        #expect(run.code == 7)
        #expect(run.stderr.contains("loop: the symbolic link leads nowhere"))
    }

    @Test func aFIFOIsWrittenIntoNotReplaced() async throws {
        let directory = try TemporaryDirectory()
        _ = try Self.post(in: directory)
        let fifo = directory.path + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        // A reader waits on the FIFO, as `cat pipe` would.
        let reader = Task.detached { () -> String in
            let handle = FileHandle(forReadingAtPath: fifo)
            let data = handle?.readDataToEndOfFile() ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
        let run = CLIRun.run(
            ["2026-08-16-update.md", "--to", "plain", "-o", "pipe"], directory: directory.path)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(await reader.value.hasPrefix("Week Ending August 16, 2026"))
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the FIFO was replaced")
    }

    @Test(.enabled(if: isRoot, "mknod needs root"))
    func aNullDeviceStaysADevice() throws {
        let directory = try TemporaryDirectory()
        _ = try Self.post(in: directory)
        let null = directory.path + "/null"
        try Self.makeDevice(null, major: 1, minor: 3)
        let run = CLIRun.run(
            ["2026-08-16-update.md", "--to", "html", "-o", "null"], directory: directory.path)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(Self.isCharacterDevice(null), "the device was replaced by a regular file")
    }

    @Test(.enabled(if: isRoot, "mknod needs root"))
    func aFullDeviceIsAnError() throws {
        let directory = try TemporaryDirectory()
        _ = try Self.post(in: directory)
        let full = directory.path + "/full"
        try Self.makeDevice(full, major: 1, minor: 7)
        let run = CLIRun.run(
            ["2026-08-16-update.md", "--to", "html", "-o", "full"], directory: directory.path)
        #expect(run.code == 7)
        #expect(run.stderr.contains("full: No space left on device"), "\(run.stderr)")
        #expect(Self.isCharacterDevice(full))
    }

    static var binary: String {
        Repository.builtProducts.appendingPathComponent("lwkdconv").path
    }

    @Test(
        .enabled(if: isRoot, "mknod needs root"),
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: binary),
            "the lwkdconv binary is not built (make test builds it first)"))
    func aFailedWriteToStandardOutputIsAnError() throws {
        let directory = try TemporaryDirectory()
        let post = try Self.post(in: directory)
        let full = directory.path + "/full"
        try Self.makeDevice(full, major: 1, minor: 7)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = [post, "--to", "html"]
        process.standardOutput = FileHandle(forWritingAtPath: full)
        let errors = Pipe()
        process.standardError = errors
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        let message = String(
            decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 7)
        #expect(message.contains("standard output: No space left on device"), "\(message)")
    }
}
