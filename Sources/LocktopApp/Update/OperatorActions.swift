import LockInspector
import TerminalUI

/// `d`, `e`, `x`: each opens a dialog about the selected row; nothing is sent before it is confirmed.
extension AppState {
    mutating func askForceRelease() {
        guard let (lock, token) = selectedLock(for: "force-release") else { return }
        if let holder = selectedHolder(of: lock) {
            overlay = .confirm(.releaseHolder(lock: lock, member: holder.rawMember,
                                              shown: "\(holder.role.rawValue) " + LockRow.describe(holder.owner)))
            return
        }
        overlay = .confirm(.forceRelease(key: lock.key, token: token, releaseChannel: Self.releaseChannel(of: lock),
                                         owner: LockRow.owner(lock)))
    }

    mutating func askExtend() {
        guard let (lock, token) = selectedLock(for: "extend") else { return }
        if let holder = selectedHolder(of: lock) {
            overlay = .extend(ExtendTarget(key: lock.key, token: holder.rawMember, holderOf: lock), TextInput())
            return
        }
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

    /// Moves the holder cursor of the selected read-write lock or semaphore by `step`, and opens
    /// the detail pane, where the holders are listed.
    mutating func moveHolderCursor(by step: Int) {
        guard view == .locks, let row = ViewRows(self).selected(selection), case .lock(let lock) = row.subject,
              let holds = lock.shared, !holds.holders.isEmpty else {
            statusMessage = "[ ]: select a read-write lock or semaphore with holders"
            return
        }
        holderCursor = min(max(0, holderCursor + step), holds.holders.count - 1)
        showsDetail = true
    }

    /// The holder under the cursor of a lock several may hold; nil for a mutex.
    private func selectedHolder(of lock: LockEntity) -> SharedHolder? {
        guard let holders = lock.shared?.holders, !holders.isEmpty else { return nil }
        return holders[min(max(0, holderCursor), holders.count - 1)]
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
