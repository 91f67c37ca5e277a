import Foundation

/// Laravel's `Cache::lock` on a Redis store: the cache prefix (`<app>_cache_` by default,
/// after the connection's own `<app>_database_`) then the lock name, holding `Str::random(16)`;
/// `EX seconds`, or no TTL when the lock was made with `seconds = 0`.
public struct LaravelRecognizer: Recognizer {
    public init() {}

    public func recognize(_ record: KeyRecord, now: Date) -> Entity? {
        let name = record.name
        guard let token = TokenShape.whole(record.value), token.count == 16, token.allSatisfy(TokenShape.isAlphanumeric),
              let prefix = name.range(of: "_cache_") else { return nil }
        let resource = name[prefix.upperBound...]
        guard !resource.isEmpty else { return nil }
        return .tokenLock(record, resource: String(resource), family: .laravel, token: token)
    }
}
