import Foundation

/// The process's streams and terminal facts, replaceable so the commands run in-process in
/// tests exactly as they do from a shell.
public struct CLIEnvironment: Sendable {
    /// Reads all of standard input.
    public var readStandardInput: @Sendable () -> [UInt8]
    /// Writes bytes to standard output.
    public var writeStandardOutput: @Sendable ([UInt8]) -> Void
    /// Writes text to standard error.
    public var writeStandardError: @Sendable (String) -> Void
    /// True when standard output is a terminal.
    public var isStandardOutputTerminal: Bool
    /// True when standard error is a terminal.
    public var isStandardErrorTerminal: Bool
    /// The working directory relative paths are resolved against.
    public var currentDirectory: String

    /// Creates an environment.
    public init(
        readStandardInput: @escaping @Sendable () -> [UInt8],
        writeStandardOutput: @escaping @Sendable ([UInt8]) -> Void,
        writeStandardError: @escaping @Sendable (String) -> Void,
        isStandardOutputTerminal: Bool, isStandardErrorTerminal: Bool,
        currentDirectory: String
    ) {
        self.readStandardInput = readStandardInput
        self.writeStandardOutput = writeStandardOutput
        self.writeStandardError = writeStandardError
        self.isStandardOutputTerminal = isStandardOutputTerminal
        self.isStandardErrorTerminal = isStandardErrorTerminal
        self.currentDirectory = currentDirectory
    }

    /// The real process streams.
    public static var process: CLIEnvironment {
        CLIEnvironment(
            readStandardInput: { Array(FileHandle.standardInput.readDataToEndOfFile()) },
            writeStandardOutput: { bytes in
                bytes.withUnsafeBufferPointer { buffer in
                    guard let base = buffer.baseAddress else { return }
                    var offset = 0
                    while offset < buffer.count {
                        let n = Foundation.write(1, base + offset, buffer.count - offset)
                        if n <= 0 { break }
                        offset += n
                    }
                }
            },
            writeStandardError: { text in FileHandle.standardError.write(Data(text.utf8)) },
            isStandardOutputTerminal: isatty(1) == 1, isStandardErrorTerminal: isatty(2) == 1,
            currentDirectory: FileManager.default.currentDirectoryPath)
    }

    /// The environment commands run in; tests bind another one.
    @TaskLocal public static var current: CLIEnvironment = .process

    /// Writes a line to standard error.
    public func error(_ line: String) { writeStandardError(line + "\n") }
}
