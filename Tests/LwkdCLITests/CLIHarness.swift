import Foundation
import LwkdCLI
import LwkdNetCLI
import Synchronization

/// Runs the CLI in-process with captured streams.
struct CLIRun {
    var code: Int32
    var stdout: String
    var stderr: String

    static func run(
        _ arguments: [String], stdin: String = "",
        directory: String = FileManager.default.currentDirectoryPath, stdoutIsTerminal: Bool = false
    ) -> CLIRun {
        let out = Mutex<[UInt8]>([])
        let err = Mutex<String>("")
        let input = Array(stdin.utf8)
        let environment = CLIEnvironment(
            readStandardInput: { input },
            writeStandardOutput: { bytes in out.withLock { $0 += bytes } },
            writeStandardError: { text in err.withLock { $0 += text } },
            isStandardOutputTerminal: stdoutIsTerminal, isStandardErrorTerminal: false,
            currentDirectory: directory)
        // The whole tool, `send` and `preview` included, in this process.
        let code = LwkdNetMain.run(arguments, environment: environment)
        return CLIRun(
            code: code, stdout: String(decoding: out.withLock { $0 }, as: UTF8.self),
            stderr: err.withLock { $0 })
    }
}

/// A temporary directory removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "lwkdconv-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }
}
