// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "locktop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "locktop", targets: ["locktop"]),
        // What a Swift service can depend on: the lock patterns, and the Redis client under them.
        .library(name: "LockKit", targets: ["LockKit"]),
        .library(name: "RedisClient", targets: ["RedisClient"]),
        // FallbackLock's PostgreSQL tier: the only product that links libpq.
        .library(name: "LockKitPostgres", targets: ["LockKitPostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // No pkgConfig: SwiftPM rejects the -D flag hiredis.pc carries; headers are in /usr/include.
        .systemLibrary(name: "CHiredis"),
        .systemLibrary(name: "CLibPQ"),
        // OpenSSL (apt libssl-dev) for rediss://; linked by name, as pkg-config's flags are dropped.
        .systemLibrary(name: "COpenSSL"),
        .target(
            name: "CCurses",
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        // The one rule for showing bytes read from Redis (see VisibleText.escape).
        .target(name: "VisibleText"),
        .target(
            name: "RedisClient",
            dependencies: [
                "CHiredis",
                "VisibleText",
                "COpenSSL",
                .product(name: "DequeModule", package: "swift-collections"),
            ]
        ),
        .target(name: "ServerProcessKit"),
        .target(name: "RedisServerKit", dependencies: ["RedisClient", "ServerProcessKit"]),
        // Its async functions run on the caller's executor (no hop in and out of each layer):
        // an acquire-release pair on the connection's thread costs a hop per command, not nine.
        .target(name: "LockKit", dependencies: ["RedisClient", "VisibleText"],
                swiftSettings: [.enableUpcomingFeature("NonisolatedNonsendingByDefault")]),
        // FallbackLock and its PostgreSQL advisory-lock tier, apart so that LockKit links no libpq.
        .target(name: "LockKitPostgres", dependencies: ["LockKit", "RedisClient", "CLibPQ"],
                swiftSettings: [.enableUpcomingFeature("NonisolatedNonsendingByDefault")]),
        // The guide's worked scenarios and the workloads `locktop demo` runs on them; not a product.
        .target(name: "GuideScenarios", dependencies: ["LockKit", "RedisClient"]),
        .target(name: "PostgresServerKit", dependencies: ["ServerProcessKit"]),
        .executableTarget(name: "lockkit-agent", dependencies: ["LockKit", "GuideScenarios", "RedisClient"]),
        .target(name: "LockInspector", dependencies: ["LockKit", "RedisClient", "VisibleText", .product(name: "Histogram", package: "hdrhistogram-swift")]),
        .target(
            name: "TerminalUI",
            dependencies: ["CCurses", "VisibleText", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(
            name: "LocktopExporter",
            dependencies: [
                "LockInspector",
                "VisibleText",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // RedisClient for endpoints and the runtime's connections, LockKit for its value types
        // (LockTTL); every Redis format is read in LockInspector.
        .target(name: "LocktopApp", dependencies: ["LockInspector", "LockKit", "RedisClient", "TerminalUI", "VisibleText",
                                                   .product(name: "TOMLKit", package: "TOMLKit")]),
        .executableTarget(
            name: "locktop",
            dependencies: [
                "LocktopApp",
                "LocktopExporter",
                "GuideScenarios",
                "LocktopBench",
                "RedisServerKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // `locktop --version` names the commit it was built from.
            plugins: ["BuildStamp"]
        ),
        .target(
            name: "LocktopBench",
            dependencies: [
                "LockKit",
                "LockInspector",
                "RedisClient",
                "RedisServerKit",
                "ServerProcessKit",
            ],
            // Its loops call LockKit the way an application built with this setting does.
            swiftSettings: [.enableUpcomingFeature("NonisolatedNonsendingByDefault")]
        ),
        .plugin(name: "BuildStamp", capability: .buildTool()),
        .target(name: "TestSupport", dependencies: ["RedisClient", "RedisServerKit", "PostgresServerKit", "ServerProcessKit", "LockInspector"]),
        .testTarget(name: "RedisClientTests", dependencies: ["RedisClient", "TestSupport"]),
        .testTarget(name: "CCursesTests", dependencies: ["CCurses"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "VisibleTextTests", dependencies: ["VisibleText", "TestSupport"]),
        .testTarget(name: "LockKitTests", dependencies: ["LockKit", "TestSupport"]),
        .testTarget(name: "TransactionTests", dependencies: ["LockKit", "GuideScenarios", "TestSupport"]),
        .testTarget(name: "LockKitPostgresTests", dependencies: ["LockKitPostgres", "LockKit", "TestSupport"]),
        .testTarget(name: "GuideScenariosTests", dependencies: ["GuideScenarios", "LockKit", "TestSupport"]),
        .testTarget(name: "LockInspectorTests", dependencies: ["LockInspector", "LockKit", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "RedisClient", "VisibleText"]),
        .testTarget(name: "LocktopExporterTests", dependencies: ["LocktopExporter", "LockInspector", "LockKit", "TestSupport"]),
        .testTarget(name: "LocktopAppTests", dependencies: ["LocktopApp", "TerminalUI", "LockInspector", "TestSupport"], exclude: ["Snapshots"]),
    ],
    swiftLanguageModes: [.v6]
)
