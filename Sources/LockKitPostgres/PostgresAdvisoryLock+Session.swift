import CLibPQ
import Foundation

/// Owns one libpq connection and frees it.
///
/// `@unchecked Sendable`: the pointer is only used from the owning `PostgresAdvisoryLock`'s
/// thread (its actor executor); `PQfinish` in `deinit` runs when nothing else can use it.
final class PostgresSessionHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    private init(pointer: OpaquePointer) { self.pointer = pointer }

    deinit { PQfinish(pointer) }

    /// Connects (blocking, bounded by `connect_timeout` in the string); throws `.unreachable` on failure.
    static func connect(_ connectionString: String) throws(PostgresLockError) -> PostgresSessionHandle {
        guard let pointer = PQconnectdb(connectionString) else {
            throw .unreachable("libpq could not allocate a connection")
        }
        let handle = PostgresSessionHandle(pointer: pointer)
        guard PQstatus(pointer) == CONNECTION_OK else { throw .unreachable(handle.errorMessage) }
        return handle
    }

    var isAlive: Bool { PQstatus(pointer) == CONNECTION_OK }

    var errorMessage: String {
        guard let message = PQerrorMessage(pointer) else { return "unknown libpq error" }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "unknown libpq error" : text
    }

    /// Runs `sql` with one bigint parameter and returns the first column of the first row.
    ///
    /// Throws `.unreachable` when the session is gone (the server stopped or the network
    /// dropped: every lock it held is then freed by the server) and `.failed` otherwise.
    func scalar(_ sql: String, _ parameter: Int64) throws(PostgresLockError) -> String? {
        let result = String(parameter).withCString { value in
            var values: [UnsafePointer<CChar>?] = [value]
            return PQexecParams(pointer, sql, 1, nil, &values, nil, nil, 0)
        }
        defer { PQclear(result) }
        guard let result, PQresultStatus(result) == PGRES_TUPLES_OK else {
            if !isAlive { throw .unreachable(errorMessage) }
            let detail = result.flatMap { PQresultErrorMessage($0) }.map { String(cString: $0) } ?? errorMessage
            throw .failed("\(sql): \(detail.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        guard PQntuples(result) > 0, PQnfields(result) > 0, PQgetisnull(result, 0, 0) == 0,
              let value = PQgetvalue(result, 0, 0) else { return nil }
        return String(cString: value)
    }
}

/// Why a PostgreSQL advisory lock operation failed.
public enum PostgresLockError: Error, Sendable, Equatable {
    /// The server cannot be reached, or the session ended (its locks are then gone).
    case unreachable(String)
    /// The server answered with an error.
    case failed(String)
    /// The lock stayed held by another session for the whole wait.
    case timeout(resource: String, waited: Duration)
    /// The waiting task was cancelled.
    case cancelled(resource: String)
}

extension PostgresLockError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unreachable(let reason):
            return "cannot reach PostgreSQL: \(reason). Is the server running? Check the connection string."
        case .failed(let reason):
            return "PostgreSQL refused the lock query: \(reason)"
        case .timeout(let resource, let waited):
            return "could not take the PostgreSQL advisory lock on \(resource) within \(waited): another session held it."
        case .cancelled(let resource):
            return "waiting for the PostgreSQL advisory lock on \(resource) was cancelled."
        }
    }
}
