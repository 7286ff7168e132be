// swift-tools-version: 6.1
import PackageDescription

// One target per layer; the dependency arrows below are the architecture
// (docs/architecture.md draws them). Pure targets never import curses,
// networking or storage.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "kimichat",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kimichat", targets: ["kimichat"]),
        .executable(name: "kimichat-mock", targets: ["kimichat-mock"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client.git", exact: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", exact: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-http2.git", exact: "1.46.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", exact: "0.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", exact: "2.0.1"),
    ],
    targets: [
        // MARK: - Pure layers
        .target(name: "ChatDomain", swiftSettings: strict),
        .target(name: "ServerSentEvents", dependencies: ["ChatDomain"], swiftSettings: strict),
        // Data, not code: the bundled model catalogue, embedded in the binary.
        .target(
            name: "ModelCatalogue",
            dependencies: ["ChatDomain"],
            path: "Resources",
            resources: [.embedInCode("models.json")],
            swiftSettings: strict
        ),
        .target(name: "TextLayout", swiftSettings: strict),
        .target(name: "ScreenKit", dependencies: ["TextLayout"], swiftSettings: strict),
        .target(name: "ChatCore", dependencies: ["ChatDomain", "ScreenKit", "TextLayout"], swiftSettings: strict),
        .target(
            name: "ChatViews",
            dependencies: ["ChatCore", "ChatDomain", "TextLayout", "ScreenKit"],
            swiftSettings: strict
        ),

        // MARK: - Glue
        .target(
            name: "AppRuntime",
            dependencies: ["ChatCore", "ChatViews", "ScreenKit", "ChatDomain",
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),

        // MARK: - Effects at the edges
        .target(
            name: "ChatService",
            dependencies: [
                "ChatDomain", "ServerSentEvents",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Persistence",
            dependencies: ["ChatDomain", "CSearchIndex", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .target(name: "CNcursesw", linkerSettings: [.linkedLibrary("ncursesw")]),
        // The search index's tokenizer, in C against SQLite's FTS5 API (the system's libsqlite3).
        .target(name: "CSearchIndex", linkerSettings: [.linkedLibrary("sqlite3")]),
        // zlib (the system's libz), to inflate the conversations in a ChatGPT export's zip.
        .target(name: "CZlib", linkerSettings: [.linkedLibrary("z")]),
        // Other programs' conversations (ChatGPT's export, kimi-cli's sessions) read as trees.
        .target(name: "Importing", dependencies: ["ChatDomain", "CZlib"], swiftSettings: strict),
        .target(name: "CursesTerminal", dependencies: ["ScreenKit", "CNcursesw"], swiftSettings: strict),
        .target(
            name: "MockMoonshot",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
            ],
            swiftSettings: strict
        ),

        // MARK: - Executables (composition roots)
        .executableTarget(
            name: "kimichat",
            dependencies: [
                "ChatDomain", "ChatCore", "ChatViews", "AppRuntime", "ChatService",
                "CursesTerminal", "ScreenKit", "MockMoonshot", "TextLayout", "Persistence", "ModelCatalogue",
                "Importing",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "kimichat-bench",
            dependencies: ["ChatDomain", "ChatCore", "ChatViews", "Persistence", "ScreenKit", "ModelCatalogue", "MockMoonshot",
                           "ChatService", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "kimichat-mock",
            dependencies: ["MockMoonshot", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),

        // MARK: - Tests
        .target(
            name: "TestSupport",
            dependencies: ["MockMoonshot", "CZlib"],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        // libc's wcwidth, which the width table is checked against (TextLayoutTests).
        .target(name: "CLibcWidth", path: "Tests/CLibcWidth"),
        .testTarget(name: "ServerSentEventsTests", dependencies: ["ServerSentEvents", "ChatDomain"], swiftSettings: strict),
        .testTarget(
            name: "TextLayoutTests",
            dependencies: ["TextLayout", "CLibcWidth", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strict
        ),
        .testTarget(name: "ChatCoreTests", dependencies: ["ChatCore", "ChatDomain", "ScreenKit", "ModelCatalogue"],
                    swiftSettings: strict),
        .testTarget(
            name: "ChatViewsTests",
            dependencies: ["ChatViews", "ChatCore", "ChatDomain", "ScreenKit", "TextLayout"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ChatServiceTests",
            dependencies: ["ChatService", "ChatDomain", "ChatCore", "ModelCatalogue", "MockMoonshot", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "AppRuntimeTests",
            dependencies: ["AppRuntime", "ChatCore", "ChatDomain", "Persistence", "ScreenKit", "ChatViews",
                           "ChatService", "MockMoonshot", "ModelCatalogue",
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        .testTarget(name: "CursesTerminalTests", dependencies: ["CursesTerminal", "CNcursesw", "ScreenKit"],
                    swiftSettings: strict),
        .testTarget(
            name: "PersistenceTests",
            dependencies: ["Persistence", "ChatDomain"],
            // Database files the migration tests open by path (made by older releases).
            exclude: ["Fixtures"],
            swiftSettings: strict
        ),
        .testTarget(name: "ImportingTests", dependencies: ["Importing", "ChatDomain", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["TestSupport", "MockMoonshot", "kimichat", "ChatService", "ChatDomain", "Persistence",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
    ]
)
