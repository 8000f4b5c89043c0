import Foundation
import LwkdCLI
import LwkdSend

/// Reports a send on stderr: failures and retries as lines, and, when stderr is a terminal, a
/// progress line that rewrites itself.
final class SendProgress {
    private let environment: CLIEnvironment
    private let total: Int
    private let isQuiet: Bool
    private var hasProgressLine = false

    init(environment: CLIEnvironment, total: Int, isQuiet: Bool) {
        self.environment = environment
        self.total = total
        self.isQuiet = isQuiet
    }

    func handle(_ event: Mailer.Event) {
        switch event {
        case .sent: break
        case .retrying(let recipient, let error, let attempt, let delay):
            if !isQuiet {
                line(
                    "lwkdconv: send: \(recipient.email): \(error); attempt \(attempt + 1) in \(format(delay)) s"
                )
            }
        case .failed(let recipient, let error):
            line("lwkdconv: send: \(recipient.email): failed: \(error)")
        case .progress(let done, let summary):
            guard environment.isStandardErrorTerminal, !isQuiet else { return }
            environment.writeStandardError(
                "\r\u{1B}[K[\(done)/\(total)] sent \(summary.sent), skipped \(summary.skipped), failed \(summary.failed), retries \(summary.retries)"
            )
            hasProgressLine = true
        }
    }

    /// Ends the progress line.
    func finish() {
        if hasProgressLine { environment.writeStandardError("\n") }
        hasProgressLine = false
    }

    private func line(_ text: String) {
        if hasProgressLine { environment.writeStandardError("\r\u{1B}[K") }
        environment.error(text)
    }

    private func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.2f", seconds)
    }
}
