import Foundation
import LockInspector
import LockKit
import TerminalUI

/// The detail pane's text for each kind of row: `label  value` lines, then the anomalies.
struct DetailLines {
    var context: RowContext
    var theme: Theme
    /// The holder of a shared lock that `d` and `e` act on, marked `>`.
    var holderCursor = 0

    func lines(for subject: RowSubject) -> [[Span]] {
        var lines: [[Span]]
        switch subject {
        case .lock(let lock): lines = self.lock(lock)
        case .waiter(let queue, let waiter): lines = self.waiter(queue, waiter)
        case .saga(let saga): lines = self.saga(saga)
        case .transaction(let transaction): lines = self.transaction(transaction)
        case .streamEntry(let stream, let entry): lines = self.stream(stream, entry)
        case .redlock(let lock): return redlock(lock)
        case .event(let event):
            lines = [field("key", KeyText.full(event.key)), field("event", event.kind.rawValue),
                     field("time", TimeText.timestamp(event.time, in: context.timeZone) + " (" + TimeText.age(since: event.time, now: context.now) + " ago)")]
        }
        // Anomalies first: they are why the operator opened the pane, and a short pane cuts the end.
        return anomalies(subject.key) + lines
    }

    private func field(_ label: String, _ value: String, _ role: Theme.Role? = nil) -> [Span] {
        [Span(label.padding(toLength: 10, withPad: " ", startingAt: 0), style: theme[.dim]),
         Span(value, style: role.map { theme[$0] } ?? theme[.normal])]
    }

    private func heading(_ text: String) -> [Span] {
        [Span(text, style: theme[.accent])]
    }

    /// The Redlock verdict, then what each server holds; its anomalies come from the report.
    private func redlock(_ lock: RedlockLock) -> [[Span]] {
        let report = context.redlock
        var lines = (report?.anomalies ?? []).filter { $0.key == lock.key }.map { anomaly in
            [Span("! ", style: theme[anomaly.severity == .critical ? .critical : .warning]), Span(anomaly.message, style: theme[.normal])]
        }
        lines += [field("key", KeyText.full(lock.key)), field("resource", lock.resource),
                  field("state", RedlockReport.verdict(lock) + ", quorum \(lock.quorum) of \(lock.perServer.count)")]
        for index in lock.perServer.indices {
            let server = report?.servers.indices.contains(index) == true ? report?.servers[index] ?? "" : ""
            lines.append(heading("server \(index + 1)  \(server)"))
            if !lock.readable[index] {
                lines.append(field("state", "could not be read", .critical))
            } else if let held = lock.perServer[index] {
                lines.append(field("owner", held.firstOwner.map(LockRow.describe) ?? "?"))
                lines.append(field("token", held.rawToken.map { KeyText.full($0) } ?? "?"))
                lines.append(field("ttl", LockRow.ttlText(held, context), held.ttl == .noExpiry ? .critical : nil))
            } else {
                lines.append(field("state", "not held here", .dim))
            }
        }
        return lines
    }

    /// Every holder of a read-write lock or semaphore with its own lease; `>` marks the one
    /// that `d` and `e` act on (`[` `]` move it), then the writers waiting.
    private func shared(_ holds: SharedHolds) -> [[Span]] {
        var lines = [field("mode", holds.mode.rawValue), field("holders", holds.summary + "   [ ] pick one, d releases it, e extends it")]
        let cursor = min(max(0, holderCursor), max(0, holds.holders.count - 1))
        for (index, holder) in holds.holders.enumerated() {
            lines.append([Span(index == cursor ? "> " : "  ", style: theme[.accent]),
                          Span("\(holder.role.rawValue) ", style: theme[.dim]),
                          Span(LockRow.describe(holder.owner) + "  ttl " + LockRow.ttlText(holder.ttl, context),
                               style: theme[holder.ttl == .noExpiry ? .critical : .normal])])
            lines.append(field("  token", KeyText.full(holder.rawMember, limit: 256)))
        }
        for writer in holds.waitingWriters {
            let since = writer.owner.acquiredAt.map { ", waiting " + TimeText.age(since: $0, now: context.now) } ?? ""
            lines.append(field("waiting", LockRow.describe(writer.owner) + since, .warning))
        }
        return lines
    }

    private func lock(_ lock: LockEntity) -> [[Span]] {
        var lines = [field("key", KeyText.full(lock.key)), field("resource", lock.resource),
                     field("library", lock.family.rawValue), field("kind", lock.kind.rawValue)]
        // A library's own layout needs no more than its name; a token shape says what it rests on.
        if lock.family.isShape { lines += lock.evidence.map { field("evidence", $0, lock.confidence == .possible ? .warning : nil) } }
        lines.append(field("ttl", LockRow.ttlText(lock, context), lock.ttl == .noExpiry ? .critical : nil))
        if let total = context.ttlTotals[lock.key] { lines.append(field("ttl max", TimeText.duration(total) + " (largest seen)")) }
        lines.append(field("waiters", "\(context.waiters[lock.resource] ?? 0)"
                           + (context.snapshot.liveness?.waiters(of: lock).map { ", \($0) on its release channel" } ?? "")))
        if let status = LockRow.ownerStatus(lock, context) {
            lines.append(field("owner is", Self.describe(status), status == .gone ? .critical : nil))
        }
        if let holds = lock.shared { return lines + shared(holds) }
        lines.append(field("raw token", lock.rawToken.map { KeyText.full($0, limit: 256) } ?? "(not read)"))
        for (index, owner) in lock.owners.enumerated() {
            lines.append(heading(lock.owners.count > 1 ? "owner \(index + 1) of \(lock.owners.count)" : "owner"))
            lines.append(field("token", owner.token))
            if let host = owner.host { lines.append(field("host", host)) }
            if let pid = owner.pid { lines.append(field("pid", "\(pid)")) }
            if let thread = owner.thread { lines.append(field("thread", thread)) }
            if let since = owner.acquiredAt {
                lines.append(field("acquired", TimeText.timestamp(since, in: context.timeZone) + " (" + TimeText.age(since: since, now: context.now) + " ago)"))
            }
        }
        return lines
    }

    private static func describe(_ status: OwnerStatus) -> String {
        switch status {
        case .alive: "alive (a connection named for it is open)"
        case .gone: "gone (no connection of its process is open)"
        case .unknown: "? (its token names no process with named connections)"
        }
    }

    private func waiter(_ queue: QueueEntity, _ waiter: Waiter?) -> [[Span]] {
        var lines = [field("queue", KeyText.full(queue.key)), field("resource", queue.resource),
                     field("library", queue.family.rawValue), field("waiters", "\(queue.count)")]
        guard let waiter else { return lines }
        lines.append(heading("waiter"))
        lines.append(field("member", waiter.member))
        lines.append(field("rank", "\(waiter.rank + 1) of \(queue.count)"))
        lines.append(field("priority", QueueRow.priorityText(waiter.priority)))
        lines.append(field("score", String(format: "%.0f", waiter.score)))
        if let since = QueueRow.since(waiter) { lines.append(field("waiting", TimeText.age(since: since, now: context.now))) }
        if let deadline = waiter.deadline { lines.append(field("heartbeat", TimeText.timestamp(deadline, in: context.timeZone))) }
        return lines
    }

    private func saga(_ saga: SagaEntity) -> [[Span]] {
        var lines = [field("key", KeyText.full(saga.key)), field("saga", saga.name), field("id", saga.id),
                     field("status", saga.status, TransactionRow.role(saga.status)),
                     field("updated", saga.updatedAt.map { TimeText.age(since: $0, now: context.now) + " ago" } ?? "-"),
                     field("ttl", ttl(saga.ttl)), heading("steps")]
        for step in SagaSteps(saga).steps {
            var text = step.state
            if let attempt = step.attempt { text += ", attempt \(attempt)" }
            if let error = step.error { text += ": \(error)" }
            lines.append(field(step.name, text, TransactionRow.role(step.state == "done" ? "completed" : step.state)))
        }
        return lines
    }

    private func transaction(_ transaction: TransactionEntity) -> [[Span]] {
        [field("key", KeyText.full(transaction.key)), field("2PC", transaction.id),
         field("state", transaction.state, TransactionRow.role(transaction.state)),
         field("deadline", transaction.deadline.map { TimeText.timestamp($0, in: context.timeZone) } ?? "-"),
         field("updated", transaction.updatedAt.map { TimeText.age(since: $0, now: context.now) + " ago" } ?? "-"),
         field("ttl", ttl(transaction.ttl)), heading("participants")]
            + transaction.participants.map { [Span("  " + $0, style: theme[.normal])] }
    }

    private func stream(_ stream: StreamEntity, _ entry: StreamEntry?) -> [[Span]] {
        var lines = [field("stream", KeyText.full(stream.key)), field("aggregate", stream.aggregate), field("id", stream.id),
                     field("length", "\(stream.length)")]
        if let entry {
            lines.append(heading("entry \(entry.id)"))
            lines += entry.fields.map { field($0.fieldName, KeyText.full($0.value, limit: 512)) }
        }
        return lines
    }

    private func ttl(_ ttl: LockTTL) -> String {
        switch ttl {
        case .missing: "gone"
        case .noExpiry: "none"
        case .remaining: context.remaining(ttl).map(TimeText.duration) ?? "?"
        }
    }

    private func anomalies(_ key: [UInt8]) -> [[Span]] {
        let found = context.anomalies(of: key)
        guard !found.isEmpty else { return [] }
        return [heading("anomalies")] + found.map { anomaly in
            let role: Theme.Role = anomaly.severity == .critical ? .critical : .warning
            return [Span("! \(anomaly.kind.rawValue): ", style: theme[role]), Span(anomaly.message, style: theme[.normal])]
        }
    }
}
