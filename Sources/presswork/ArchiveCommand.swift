import ArgumentParser

/// Placeholder: replaced by its owner (see Docs/Architecture.md).
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "archive", abstract: "Not built yet.")
    func run() async throws { throw ValidationError("'archive' is not built yet") }
}
