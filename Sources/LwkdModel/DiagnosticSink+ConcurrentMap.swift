import Dispatch
import Synchronization

extension DiagnosticSink {
    /// `transform` applied to every item on every core, each call reporting into a sink of
    /// its own. The results come back in the items' order, and each item's messages are
    /// reported here in that order, so output and messages never vary from run to run.
    public func concurrentMap<Item: Sendable, Result: Sendable>(
        _ items: [Item], _ transform: @Sendable (Item, DiagnosticSink) -> Result
    ) -> [Result] {
        let results = Mutex([(Result, [Diagnostic])?](repeating: nil, count: items.count))
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            let sink = DiagnosticSink()
            let result = transform(items[index], sink)
            let messages = sink.drain()
            results.withLock { $0[index] = (result, messages) }
        }
        return results.withLock { $0 }.compactMap { entry in
            guard let (result, messages) = entry else { return nil }
            for message in messages { report(message) }
            return result
        }
    }
}
