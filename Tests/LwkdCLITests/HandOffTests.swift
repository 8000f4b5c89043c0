import Foundation
import LwkdTestSupport
import Synchronization
import Testing

@testable import LwkdCLI

/// `send` and `preview` run in `lwkdconv-net`, which `lwkdconv` hands them to, git-style
/// (issue 14): beside it in a build folder, or in `PREFIX/libexec/lwkdconv` once installed.
@Suite struct HandOffTests {
    static let build = Repository.builtProducts.path
    static let binaries =
        FileManager.default.isExecutableFile(atPath: build + "/lwkdconv")
        && FileManager.default.isExecutableFile(atPath: build + "/lwkdconv-net")

    struct Run {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            code: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// `name` in `directory`: a hard link to the built `file`, else a copy.
    static func place(_ file: String, as name: String, in directory: String) throws {
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true)
        let target = directory + "/" + name
        do {
            try FileManager.default.linkItem(atPath: build + "/" + file, toPath: target)
        } catch {
            try FileManager.default.copyItem(atPath: build + "/" + file, toPath: target)
        }
    }

    @Test(.enabled(if: binaries, "lwkdconv and lwkdconv-net are not built (make test builds them)"))
    func sendAndPreviewHelpComeFromTheHelper() throws {
        let send = try Self.run(Self.build + "/lwkdconv", ["send", "--help"])
        #expect(send.code == 0, "\(send.stderr)")
        #expect(send.stdout.contains("USAGE: lwkdconv send"), "\(send.stdout)")
        #expect(send.stdout.contains("--smtp"))
        let preview = try Self.run(Self.build + "/lwkdconv", ["help", "preview"])
        #expect(preview.code == 0, "\(preview.stderr)")
        #expect(preview.stdout.contains("USAGE: lwkdconv preview"), "\(preview.stdout)")
        // The root's list names both, with the helper's own summaries.
        let root = try Self.run(Self.build + "/lwkdconv", ["--help"])
        #expect(root.stdout.contains("  send       " + HandOff.abstract(of: "send")))
        #expect(root.stdout.contains("  preview    " + HandOff.abstract(of: "preview")))
    }

    /// The helper's exit code and messages are the command's own.
    @Test(.enabled(if: binaries, "lwkdconv and lwkdconv-net are not built (make test builds them)"))
    func theHelpersExitCodeIsTheCommands() throws {
        let directory = try TemporaryDirectory()
        let run = try Self.run(
            Self.build + "/lwkdconv",
            [
                "send", directory.path + "/missing.md", "--list", directory.path + "/none.csv",
                "--from-address", "news@lwkd.info", "--dry-run", directory.path + "/out",
            ])
        #expect(run.code == 6, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("lwkdconv: "), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    }

    @Test(.enabled(if: binaries, "lwkdconv and lwkdconv-net are not built (make test builds them)"))
    func anInstalledHelperIsFoundInLibexec() throws {
        let prefix = try TemporaryDirectory()
        try Self.place("lwkdconv", as: "lwkdconv", in: prefix.path + "/bin")
        try Self.place("lwkdconv-net", as: "lwkdconv-net", in: prefix.path + "/libexec/lwkdconv")
        let run = try Self.run(prefix.path + "/bin/lwkdconv", ["send", "--help"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("--smtp"))
    }

    @Test(.enabled(if: binaries, "lwkdconv and lwkdconv-net are not built (make test builds them)"))
    func aMissingHelperIsOneLineAndAUsageError() throws {
        let prefix = try TemporaryDirectory()
        try Self.place("lwkdconv", as: "lwkdconv", in: prefix.path + "/bin")
        let run = try Self.run(prefix.path + "/bin/lwkdconv", ["send", "post.md"])
        #expect(run.code == 64)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("'send' needs lwkdconv-net, which is not installed"))
        #expect(run.stderr.contains(prefix.path + "/libexec/lwkdconv/lwkdconv-net"))
        // Conversions never need it.
        let convert = try Self.run(prefix.path + "/bin/lwkdconv", ["--list-formats"])
        #expect(convert.code == 0, "\(convert.stderr)")
    }

    /// A test's in-process run never replaces the test process.
    @Test func inProcessRunsNeverHandOff() {
        let err = Mutex("")
        let environment = CLIEnvironment(
            readStandardInput: { [] }, writeStandardOutput: { _ in },
            writeStandardError: { text in err.withLock { $0 += text } },
            isStandardOutputTerminal: false, isStandardErrorTerminal: false,
            currentDirectory: NSTemporaryDirectory())
        #expect(LwkdMain.run(["send", "--help"], environment: environment) == 64)
        #expect(err.withLock { $0 }.contains("'send' runs in lwkdconv-net"))
    }
}

/// The command words the fast path spells out are the root configuration's, in order.
@Test func theSpelledOutCommandNamesAreTheConfiguredOnes() {
    #expect(LwkdMain.commandNames == LwkdMain.configuredCommandNames)
}
