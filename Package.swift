// swift-tools-version:6.2
import PackageDescription

/// Client Portal: a kernel at the centre, plugins around it, the HTTP front and start-up outside.
/// Arrows point inward: plugins → kernel ← HTTP ← app ← executable.
let package = Package(
    name: "client-portal",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "portal", targets: ["portal"]),
        .library(name: "PortalKernel", targets: ["PortalKernel"]),
        .library(name: "PortalHTTP", targets: ["PortalHTTP"]),
        .library(name: "PortalApp", targets: ["PortalApp"]),
        .library(name: "SQLiteStorage", targets: ["SQLiteStorage"]),
        .library(name: "JSONStorage", targets: ["JSONStorage"]),
        .library(name: "LogMailer", targets: ["LogMailer"]),
        .library(name: "SMTPMailer", targets: ["SMTPMailer"]),
        .library(name: "SettingsLeadRouter", targets: ["SettingsLeadRouter"]),
        .library(name: "SandboxPayments", targets: ["SandboxPayments"]),
        .library(name: "RuleLeadRouter", targets: ["RuleLeadRouter"]),
        .library(name: "HTTPWebhooks", targets: ["HTTPWebhooks"]),
        .library(name: "PostgresStorage", targets: ["PostgresStorage"]),
        .library(name: "SQLStorage", targets: ["SQLStorage"]),
        .library(name: "PortalPluginKit", targets: ["PortalPluginKit"]),
        .library(name: "FilesystemFileStore", targets: ["FilesystemFileStore"]),
        .library(name: "VipsImages", targets: ["VipsImages"]),
        .library(name: "CairoDocuments", targets: ["CairoDocuments"]),
        .library(name: "PortalTesting", targets: ["PortalTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        // The domain, its rules and the plugin seam. No I/O: Foundation, Crypto and Logging only.
        .target(
            name: "PortalKernel",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The bundled HTTP front on Hummingbird 2.
        .target(
            name: "PortalHTTP",
            dependencies: [
                "PortalKernel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // Page and email templates and the stylesheet, compiled into the binary so it runs from anywhere.
            resources: [.embedInCode("Resources")]
        ),
        // Start-up: configuration, plugin look-up, services. A library so a team's own executable can reuse it.
        .target(
            name: "PortalApp",
            dependencies: [
                "PortalKernel",
                "PortalHTTP",
                "PortalPluginKit",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The stock executable: registers the bundled plugins and hands over to PortalApp.
        .executableTarget(
            name: "portal",
            dependencies: [
                "PortalApp", "PortalKernel", "SQLiteStorage", "JSONStorage", "LogMailer", "SMTPMailer", "SettingsLeadRouter",
                "SandboxPayments", "RuleLeadRouter", "HTTPWebhooks", "PostgresStorage", "FilesystemFileStore", "VipsImages", "CairoDocuments",
            ]
        ),

        // For a storage package's tests: the conformance suite as checks (Swift Testing), the in-memory store, a
        // manual clock. Only tests import it.
        .target(
            name: "PortalTesting",
            dependencies: ["PortalKernel", "JSONStorage", .product(name: "Logging", package: "swift-log")]
        ),

        // Plugins: each depends on the kernel only (plus its own library, and the plugin kit); the SQL drivers also
        // on the SQL core.
        .target(
            name: "PortalPluginKit",
            dependencies: ["PortalKernel", .product(name: "SystemPackage", package: "swift-system")],
            path: "Plugins/PortalPluginKit"
        ),
        .target(
            name: "SQLStorage",
            dependencies: ["PortalKernel", "PortalPluginKit", .product(name: "SQLKit", package: "sql-kit")],
            path: "Plugins/SQLStorage"
        ),
        .target(
            name: "SQLiteStorage",
            dependencies: [
                "PortalKernel", "PortalPluginKit", "SQLStorage", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Plugins/SQLiteStorage"
        ),
        .target(
            name: "PostgresStorage",
            dependencies: [
                "PortalKernel", "PortalPluginKit", "SQLStorage",
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Plugins/PostgresStorage"
        ),
        .target(
            name: "JSONStorage",
            dependencies: [
                "PortalKernel", "PortalPluginKit",
                .product(name: "HashTreeCollections", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Plugins/JSONStorage"
        ),
        .target(
            name: "FilesystemFileStore",
            dependencies: ["PortalKernel", "PortalPluginKit"],
            path: "Plugins/FilesystemFileStore"
        ),
        // libvips (Debian's libvips-dev), a C wrapper of the few variadic calls used, and the photo cleaner on them.
        .systemLibrary(
            name: "CLibVips",
            path: "Plugins/CLibVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"])]
        ),
        .target(
            name: "VipsShim",
            dependencies: ["CLibVips"],
            path: "Plugins/VipsShim"
        ),
        .target(
            name: "VipsImages",
            dependencies: ["PortalKernel", "PortalPluginKit", "VipsShim"],
            path: "Plugins/VipsImages"
        ),
        // Cairo and Pango (Debian's libcairo2-dev, libpango1.0-dev) and the PDF renderer on them (SPEC F16).
        .systemLibrary(
            name: "CPangoCairo",
            path: "Plugins/CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
        ),
        .target(
            name: "CairoDocuments",
            dependencies: ["PortalKernel", "PortalPluginKit", "CPangoCairo"],
            path: "Plugins/CairoDocuments"
        ),
        .target(
            name: "LogMailer",
            dependencies: ["PortalKernel", "PortalPluginKit", .product(name: "Logging", package: "swift-log")],
            path: "Plugins/LogMailer"
        ),
        .target(
            name: "SMTPMailer",
            dependencies: [
                "PortalKernel",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Plugins/SMTPMailer"
        ),
        .target(
            name: "SettingsLeadRouter",
            dependencies: ["PortalKernel"],
            path: "Plugins/SettingsLeadRouter"
        ),
        .target(
            name: "HTTPWebhooks",
            dependencies: [
                "PortalKernel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Plugins/HTTPWebhooks"
        ),
        .target(
            name: "RuleLeadRouter",
            dependencies: ["PortalKernel"],
            path: "Plugins/RuleLeadRouter"
        ),
        .target(
            name: "SandboxPayments",
            dependencies: ["PortalKernel", .product(name: "Logging", package: "swift-log")],
            path: "Plugins/SandboxPayments"
        ),

        // Tests: one target per module, plus the architecture rules.
        .target(
            name: "PortalTestSupport",
            dependencies: ["PortalKernel", .product(name: "Logging", package: "swift-log")],
            path: "Tests/PortalTestSupport",
            exclude: ["smtp_server.py", "webhook_receiver.py", "strict_email_check.py", "ical_check.py", "photo_check.py"]
        ),
        .executableTarget(
            name: "json-crash-writer",
            dependencies: ["JSONStorage", "PortalKernel", .product(name: "Logging", package: "swift-log")],
            path: "Tests/JSONCrashWriter"
        ),
        .testTarget(
            name: "PortalKernelTests",
            dependencies: [
                "PortalKernel", "PortalTestSupport", "PortalTesting", "PortalPluginKit", "JSONStorage", "SandboxPayments", "VipsImages",
                "CairoDocuments",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "SQLiteStorageTests",
            dependencies: ["SQLiteStorage", "SQLStorage", "PortalKernel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "JSONStorageTests",
            dependencies: ["JSONStorage", "PortalKernel", "PortalTestSupport", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "PortalHTTPTests",
            dependencies: [
                "PortalHTTP", "PortalKernel", "PortalTestSupport", "PortalTesting", "SQLiteStorage", "JSONStorage", "PostgresStorage", "LogMailer",
                "FilesystemFileStore", "VipsImages", "CairoDocuments",
                "SettingsLeadRouter", "SandboxPayments", "RuleLeadRouter", "HTTPWebhooks",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "StorageConformanceTests",
            dependencies: [
                "SQLiteStorage", "JSONStorage", "PostgresStorage", "FilesystemFileStore", "PortalKernel", "PortalTestSupport", "PortalTesting",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "PluginTests",
            dependencies: [
                "LogMailer", "SMTPMailer", "SettingsLeadRouter", "RuleLeadRouter", "HTTPWebhooks", "SQLiteStorage",
                "PostgresStorage", "PortalPluginKit", "VipsImages",
                "PortalKernel",
                "PortalTestSupport",
                "PortalTesting",
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "PortalAppTests",
            dependencies: [
                "PortalApp", "PortalHTTP", "PortalKernel", "SQLiteStorage", "JSONStorage", "PostgresStorage", "LogMailer",
                "FilesystemFileStore", "VipsImages", "CairoDocuments",
                "SettingsLeadRouter", "SandboxPayments", "RuleLeadRouter", "HTTPWebhooks", "PortalTestSupport",
                "PortalTesting", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "ArchitectureTests"),
    ]
)
