import LockKit
import RedisClient

/// One simulation from connected clients to cleaned-up keys.
struct SimulationRun: Sendable {
    /// The release subscriber's client name: it stops on its own thread, so the server may
    /// list it for a moment after the run, unlike the clients, which QUIT.
    static let subscriberName = "locktop-sim-subscriber"

    let parameters: SimulationParameters
    let keys: SimulationKeys
    let patternName: String
    /// One connection per server, for INFO and cleanup; no client uses them.
    let admins: [RedisConnection]
    let clients: [SimulatedClient]
    /// The release subscriber of the notified and priority patterns; stopped at the end.
    let notifications: ReleaseNotifications?

    /// Connects everything before the clock starts, so connection set-up is not measured.
    static func prepare(_ parameters: SimulationParameters, servers: [RedisEndpoint],
                        options: RedisConnectionOptions) async throws(SimulationError) -> SimulationRun {
        let keys = SimulationKeys(resource: parameters.resource, targetsRealKey: parameters.targetsRealKey)
        var admins: [RedisConnection] = []
        for server in servers {
            do {
                admins.append(try await RedisConnection.connect(to: server, options: options))
            } catch {
                throw .connect(endpoint: server.description, underlying: error)
            }
        }
        var notifications: ReleaseNotifications?
        if parameters.pattern.waitsForReleases {
            do {
                // A hub of its own (not the process's shared one), so the run can stop it.
                var subscriberOptions = options
                subscriberOptions.clientName = SimulationRun.subscriberName
                notifications = try ReleaseNotifications(endpoint: servers[0], options: subscriberOptions)
            } catch {
                guard case .redis(let failure) = error else { throw .clientFailed(client: 0, underlying: error) }
                throw .connect(endpoint: servers[0].description, underlying: failure)
            }
        }
        let check = ExclusionCheck(keys: keys, hold: parameters.hold, permits: parameters.permits,
                                   readersExist: parameters.pattern == .rwlock)
        var clients: [SimulatedClient] = []
        do {
            for index in 0..<parameters.clients {
                let lock = try await ClientLock.make(parameters, index: index, schema: keys.schema, servers: servers,
                                                     options: options, notifications: notifications)
                clients.append(SimulatedClient(index: index, lock: lock, ledger: ClientLedger(), check: check))
            }
        } catch {
            for client in clients { await client.lock.close() }
            for admin in admins { await admin.hangUp() }
            notifications?.stop()
            throw error
        }
        return SimulationRun(parameters: parameters, keys: keys,
                             patternName: parameters.patternName(servers: servers.count),
                             admins: admins, clients: clients, notifications: notifications)
    }

    /// Runs the clients to the limit, reporting live; then the final report and cleanup,
    /// which also happen when a client fails or the calling task is cancelled.
    func execute(live: @escaping @Sendable (SimulationReport) -> Void) async throws(SimulationError) -> SimulationReport {
        let clock = ContinuousClock()
        var meter = SimulationMeter(parameters: parameters, patternName: patternName, lockKey: keys.contended(by: parameters.pattern),
                                    ledgers: clients.map(\.ledger), admins: admins)
        await meter.start()
        let started = meter.started
        var deadline: ContinuousClock.Instant?
        if case .duration(let duration) = parameters.limit { deadline = started + duration }

        let interval = parameters.reportInterval
        let reporter = Task { [meter] in
            var meter = meter
            while true {
                do { try await clock.sleep(for: interval) } catch { break }
                live(await meter.report(isFinal: false))
            }
            return meter
        }
        let failure = await runClients(until: deadline)
        reporter.cancel()
        var final = await reporter.value
        let report = await final.report(isFinal: true)
        let cleanup = await cleanUp()
        if let failure { throw failure }
        if let cleanup { throw cleanup }
        if Task.isCancelled { throw .cancelled(report: report) }
        return report
    }

    /// The first client failure, if any; the other clients are cancelled when one fails.
    private func runClients(until deadline: ContinuousClock.Instant?) async -> SimulationError? {
        let parameters = self.parameters
        return await withTaskGroup(of: SimulationError?.self) { group in
            for client in clients {
                group.addTask {
                    do throws(SimulationError) {
                        try await client.run(parameters, deadline: deadline)
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            var first: SimulationError?
            for await outcome in group {
                if let outcome, first == nil {
                    first = outcome
                    group.cancelAll()
                }
            }
            return first
        }
    }

    /// Deletes the simulation's keys on every server, closes every connection, stops the
    /// subscriber. Runs also after cancellation: Redis commands do not check it.
    private func cleanUp() async -> SimulationError? {
        var failure: SimulationError?
        for (index, admin) in admins.enumerated() {
            // The check keys live on the first server only; the others have the lock (Redlock).
            let doomed = index == 0 ? keys.cleanup : keys.cleanup.filter { !keys.exclusionChecks.contains($0) }
            guard !doomed.isEmpty else { continue }
            do {
                try await admin.send(RedisCommand("DEL", arguments: doomed))
            } catch {
                failure = failure ?? .cleanupFailed(keys: doomed, underlying: error)
            }
        }
        for client in clients { await client.lock.close() }
        for admin in admins { await admin.hangUp() }
        notifications?.stop()
        return failure
    }
}
