import LockInspector
import TerminalUI

/// `d`, `e`, `x`: each opens a dialog about the selected row; nothing is sent before it is confirmed.
extension AppState {
    mutating func askForceRelease() {
        guard let (lock, token) = selectedLock(for: "force-release") else { return }
        overlay = .confirm(.forceRelease(key: lock.key, token: token, releaseChannel: Self.releaseChannel(of: lock),
                                         owner: LockRow.owner(lock)))
    }

    mutating func askExtend() {
        guard let (lock, token) = selectedLock(for: "extend") else { return }
        overlay = .extend(ExtendTarget(key: lock.key, token: token), TextInput())
    }

    mutating func askRemoveWaiter() {
        guard view == .queues else {
            statusMessage = "remove waiter: select a waiter in the Queues view"
            return
        }
        guard let row = ViewRows(self).selected(selection), case .waiter(let queue, let waiter) = row.subject, let waiter else {
            statusMessage = "remove waiter: no waiter selected"
            return
        }
        overlay = .confirm(.removeWaiter(queue: queue, member: waiter.rawMember, shown: QueueRow.owner(waiter)))
    }

    /// The selected lock and the token the operator sees, or a status message saying why not.
    private mutating func selectedLock(for action: String) -> (LockEntity, [UInt8])? {
        guard view == .locks else {
            statusMessage = "\(action): select a lock in the Locks view"
            return nil
        }
        guard let row = ViewRows(self).selected(selection), case .lock(let lock) = row.subject else {
            statusMessage = "\(action): no lock selected"
            return nil
        }
        guard let token = lock.rawToken else {
            statusMessage = "\(action): no owner token was read for this lock"
            return nil
        }
        return (lock, token)
    }

    /// Where the lock's layout announces a release with `released` (LockKit, the guide), so
    /// waiters of a notified lock wake up; nil for other layouts, whose messages differ.
    static func releaseChannel(of lock: LockEntity) -> String? {
        guard let channel = lock.releaseChannel, channel.message == "released" else { return nil }
        return String(decoding: channel.name, as: UTF8.self)
    }
}
