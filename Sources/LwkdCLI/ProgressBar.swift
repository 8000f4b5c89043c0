/// A one-line progress bar on standard error, drawn only when it is a terminal.
struct ProgressBar {
    let total: Int
    let isEnabled: Bool
    let environment: CLIEnvironment
    private var done = 0

    init(total: Int, isEnabled: Bool, environment: CLIEnvironment) {
        self.total = total
        self.isEnabled = isEnabled
        self.environment = environment
    }

    mutating func advance(label: String) {
        done += 1
        guard isEnabled, total > 0 else { return }
        let width = 30
        let filled = done * width / total
        let bar =
            String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        environment.writeStandardError("\r[\(bar)] \(done)/\(total) \(label.prefix(40))\u{1B}[K")
    }

    func finish() {
        if isEnabled, total > 0 { environment.writeStandardError("\r\u{1B}[K") }
    }
}
