// swift-tools-version:6.0
// Presswork: a mass-document server. The targets read in pipeline order:
// data in -> template binding -> layout -> PDF -> output channels, with thin drivers on top.
import PackageDescription

let package = Package(
    name: "Presswork",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "presswork", targets: ["presswork"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // MARK: System libraries (pkg-config + apt providers; a module map and a shim each, nothing else)
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        .systemLibrary(name: "CHarfBuzz", pkgConfig: "harfbuzz-subset", providers: [.apt(["libharfbuzz-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        /// SHA-256 of every spooled file: OpenSSL uses the CPU's SHA instructions (a Swift SHA-256 took 7% of a
        /// pipeline run).
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // MARK: Data in
        /// Typed value tree and streaming record readers (JSON, JSON Lines, XML via libxml2's reader, CSV).
        .target(name: "PressData", dependencies: ["CLibXML2"]),

        // MARK: Templates
        /// Template language: parsing, expressions, locale formatting, binding values -> a layout document.
        .target(name: "PressTemplate", dependencies: ["PressData", "PressLayout", "PressImages"]),

        // MARK: Layout
        /// Font discovery, faces, HarfBuzz shaping and hb-subset subsetting.
        .target(name: "PressFonts", dependencies: ["CFreeType", "CHarfBuzz"]),
        /// PNG decoding (libpng) and JPEG probing: images as immutable, shareable values.
        .target(name: "PressImages", dependencies: ["CPNG", "CZlib"]),
        /// Document tree -> positioned pages: line breaking, tables, pagination, page masters.
        .target(name: "PressLayout", dependencies: ["PressFonts", "PressImages"]),

        // MARK: PDF
        /// A typed PDF writer that knows nothing about templates or layout.
        .target(name: "PressPDF", dependencies: ["CZlib", "CDeflate"]),
        /// Positioned pages -> PDF bytes: font subsets, images and metadata, cached across documents.
        .target(name: "PressRender", dependencies: ["PressLayout", "PressPDF", "PressFonts", "PressImages"]),

        // MARK: Output channels and runs
        /// Print, e-mail and archive spools: atomic files, MIME, print manifests, hash-chained archive log.
        .target(name: "PressChannels", dependencies: ["PressRender", "PressLayout", "PressPDF", "CCrypto"]),
        /// Batch runs (dunning, commission, invoices): pipeline, run ledger, reports.
        .target(name: "PressRuns", dependencies: [
            "PressData", "PressTemplate", "PressLayout", "PressRender", "PressPDF", "PressChannels", "CSQLite",
            .product(name: "Yams", package: "Yams"),
        ]),
        /// Cron-style schedules for the nightly runs.
        .target(name: "PressSchedule", dependencies: ["PressRuns", .product(name: "Yams", package: "Yams")]),
        /// Drop-folder watching (inotify): render, route, move to done/ or failed/.
        .target(name: "PressWatch", dependencies: ["PressRuns"]),

        // MARK: Drivers
        .executableTarget(name: "presswork", dependencies: [
            "PressData", "PressTemplate", "PressLayout", "PressFonts", "PressRender", "PressPDF",
            "PressChannels", "PressRuns", "PressSchedule", "PressWatch",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], linkerSettings: [
            // mimalloc replaces glibc malloc for the whole process (Swift objects, arrays, strings):
            // rendering allocates many small short-lived blocks per cell, and glibc's bins, consolidation
            // and arena locks cost ~6 % of the CPU (bench core, one worker) and more with two.
            .linkedLibrary("mimalloc", .when(platforms: [.linux])),
        ]),

        // MARK: Tests
        /// Shared by the end-to-end tests: the package root and the `presswork` binary under test.
        .target(name: "PressworkTestSupport", path: "Tests/PressworkTestSupport"),
        .testTarget(name: "PressDataTests", dependencies: ["PressData"], exclude: ["Fixtures"]),
        .testTarget(name: "PressTemplateTests", dependencies: ["PressTemplate", "PressData", "PressLayout", "PressRender", "PressworkTestSupport"]),
        .testTarget(name: "PressFontsTests", dependencies: ["PressFonts", "PressworkTestSupport"]),
        .testTarget(name: "PressImagesTests", dependencies: ["PressImages"]),
        .testTarget(name: "PressLayoutTests", dependencies: ["PressLayout", "PressFonts", "PressImages"], exclude: ["Goldens"]),
        .testTarget(name: "PressPDFTests", dependencies: ["PressPDF", "PressworkTestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "PressRenderTests", dependencies: ["PressRender", "PressLayout", "PressFonts", "PressPDF", "PressworkTestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "PressChannelsTests", dependencies: ["PressChannels", "PressRender", "PressLayout"]),
        .testTarget(name: "PressRunsTests", dependencies: ["PressRuns", "PressData", "PressChannels", "PressRender", "PressworkTestSupport"]),
        .testTarget(name: "PressScheduleTests", dependencies: ["PressSchedule", "PressworkTestSupport"]),
        .testTarget(name: "PressWatchTests", dependencies: ["PressWatch", "PressworkTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["PressworkTestSupport"]),
    ]
)

// Compiler settings applied once, for every Swift target.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .enableUpcomingFeature("ExistentialAny"),
    ]
}
