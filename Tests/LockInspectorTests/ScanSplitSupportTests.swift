@testable import LockInspector
import Testing

@Suite struct ScanSplitSupportTests {
    @Test func aStandaloneRedisUpToSevenMayBeScannedInHalves() {
        #expect(ScanSplitSupport.allowsHalves(infoServer: "# Server\r\nredis_version:7.0.15\r\nredis_mode:standalone\r\nos:Linux\r\n"))
        #expect(ScanSplitSupport.allowsHalves(infoServer: "# Server\r\nredis_version:7.4.2\r\nredis_mode:standalone\r\n"))
        #expect(ScanSplitSupport.allowsHalves(infoServer: "redis_version:6.2.14\r\nredis_mode:standalone\r\n"))
    }

    @Test func clusterSentinelNewerOrOtherServersAndSilenceAreScannedAsOneChain() {
        #expect(!ScanSplitSupport.allowsHalves(infoServer: "redis_version:7.4.0\r\nredis_mode:cluster\r\n"))
        #expect(!ScanSplitSupport.allowsHalves(infoServer: "redis_version:7.0.15\r\nredis_mode:sentinel\r\n"))
        #expect(!ScanSplitSupport.allowsHalves(infoServer: "redis_version:8.0.2\r\nredis_mode:standalone\r\n"))
        #expect(!ScanSplitSupport.allowsHalves(infoServer: "redis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:8.1.0\r\nredis_mode:standalone\r\n"))
        #expect(!ScanSplitSupport.allowsHalves(infoServer: "redis_version:7.4.0\r\ndragonfly_version:df-v1.21.0\r\nredis_mode:standalone\r\n"))
        #expect(!ScanSplitSupport.allowsHalves(infoServer: "redis_mode:standalone\r\n"))
        #expect(!ScanSplitSupport.allowsHalves(infoServer: ""))
    }
}
