import Foundation

/// pottery's `Redlock` (Python): `redlock:<key>` holding `str(uuid4())`, PX 10 s by default.
public struct PotteryRecognizer: Recognizer {
    public init() {}

    public func recognize(_ record: KeyRecord, now: Date) -> Entity? {
        let name = record.name
        guard name.hasPrefix("redlock:"), let token = TokenShape.whole(record.value),
              TokenShape.isUUID(token, version: "4") else { return nil }
        let resource = name.dropFirst("redlock:".count)
        guard !resource.isEmpty else { return nil }
        return .tokenLock(record, resource: String(resource), family: .pottery, token: token)
    }
}
