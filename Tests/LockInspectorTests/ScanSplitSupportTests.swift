@testable import LockInspector
import Testing

@Suite struct ScanSplitSupportTests {
    @Test func aStandaloneRedisOrValkeyMayBeScannedInHalves() {
        #expect(ScanSplitSupport.allowsHalves(infoServer: "# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\nos:Linux\r\n"))
        #expect(ScanSplitSupport.allowsHalves(infoServer: "# Server\r\nredis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:8.0.1\r\nredis_mode:standalone\r\n"))
    }

    @Test func clusterSentinelDragonflyOtherServersAndSilenceAreScannedAsOneChain() {
        #expect(!ScanSplitSupport.allowsHalves(infoServer: "redis_version:7.4.0\r\nredis_mode:cluster\r\n"))
        #expect(!ScanSplitSupport.allowsHalves(infoServer: "redis_version:7.0.15\r\nredis_mode:sentinel\r\n"))
        #expect(!ScanSplitSupport.allowsHalves(infoServer: "redis_version:7.4.0\r\ndragonfly_version:df-v1.21.0\r\nredis_mode:standalone\r\n"))
        #expect(!ScanSplitSupport.allowsHalves(infoServer: "redis_version:7.2.0\r\nserver_name:someother\r\nredis_mode:standalone\r\n"))
        #expect(!ScanSplitSupport.allowsHalves(infoServer: ""))
    }
}
