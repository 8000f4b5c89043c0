import Foundation

/// The process's streams and terminal facts, replaceable so the commands run in-process in
/// tests exactly as they do from a shell.
public struct CLIEnvironment: Sendable {
    /// Reads all of standard input.
    public var readStandardInput: @Sendable () -> [UInt8]
    /// Writes bytes to standard output; a failed write (a full disk, a closed stream) throws.
    public var writeStandardOutput: @Sendable ([UInt8]) throws -> Void
    /// Writes text to standard error.
    public var writeStandardError: @Sendable (String) -> Void
    /// True when standard output is a terminal.
    public var isStandardOutputTerminal: Bool
    /// True when standard error is a terminal.
    public var isStandardErrorTerminal: Bool
    /// The working directory relative paths are resolved against.
    public var currentDirectory: String
    /// True for the real process (``process``), whose image `send` may replace with the helper
    /// that runs it; false for an environment a test makes.
    public var isProcess = false

    /// Creates an environment.
    public init(
        readStandardInput: @escaping @Sendable () -> [UInt8],
        writeStandardOutput: @escaping @Sendable ([UInt8]) throws -> Void,
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
        var environment = CLIEnvironment(
            readStandardInput: { Array(FileHandle.standardInput.readDataToEndOfFile()) },
            writeStandardOutput: { bytes in
                let failure: Int32 = bytes.withUnsafeBufferPointer { buffer in
                    guard let base = buffer.baseAddress else { return 0 }
                    var offset = 0
                    while offset < buffer.count {
                        let n = Foundation.write(1, base + offset, buffer.count - offset)
                        if n < 0, errno == EINTR { continue }
                        if n <= 0 { return n < 0 ? errno : EIO }
                        offset += n
                    }
                    return 0
                }
                if failure != 0 {
                    throw CLIFailure(
                        .outputNotWritten,
                        "standard output: \(String(cString: strerror(failure)))")
                }
            },
            writeStandardError: { text in FileHandle.standardError.write(Data(text.utf8)) },
            isStandardOutputTerminal: isatty(1) == 1, isStandardErrorTerminal: isatty(2) == 1,
            currentDirectory: FileManager.default.currentDirectoryPath)
        environment.isProcess = true
        return environment
    }

    /// The environment commands run in; tests bind another one.
    @TaskLocal public static var current: CLIEnvironment = .process

    /// Writes a line to standard error.
    public func error(_ line: String) { writeStandardError(line + "\n") }
}
