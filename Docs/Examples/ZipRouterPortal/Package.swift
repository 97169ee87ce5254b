// swift-tools-version:6.2
import PackageDescription

/// A team's own package: a lead router of its own, and a `my-portal` executable that runs Client Portal with it.
/// It depends on Client Portal (here by path; a real team writes `.package(url: "https://…/client-portal.git", from: "…")`).
let package = Package(
    name: "zip-router-portal",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "client-portal", path: "../../.."),
    ],
    targets: [
        // The plugin: depends on the kernel only.
        .target(name: "ZipRouter", dependencies: [.product(name: "PortalKernel", package: "client-portal")]),
        // The executable: the bundled plugins, this one, and the shared command line.
        .executableTarget(
            name: "my-portal",
            dependencies: [
                "ZipRouter",
                .product(name: "PortalApp", package: "client-portal"),
                .product(name: "PortalKernel", package: "client-portal"),
                .product(name: "SQLiteStorage", package: "client-portal"),
                .product(name: "JSONStorage", package: "client-portal"),
                .product(name: "LogMailer", package: "client-portal"),
                .product(name: "SMTPMailer", package: "client-portal"),
                .product(name: "SettingsLeadRouter", package: "client-portal"),
                .product(name: "SandboxPayments", package: "client-portal"),
                .product(name: "HTTPWebhooks", package: "client-portal"),
                .product(name: "FilesystemFileStore", package: "client-portal"),
                .product(name: "VipsImages", package: "client-portal"),
                .product(name: "CairoDocuments", package: "client-portal"),
            ]
        ),
        .testTarget(name: "ZipRouterTests", dependencies: ["ZipRouter", .product(name: "PortalKernel", package: "client-portal")]),
        // A storage package's tests run the shared conformance suite like this; here against the in-memory store.
        .testTarget(name: "StorageConformanceTests", dependencies: [.product(name: "PortalTesting", package: "client-portal")]),
    ]
)
