import ArgumentParser

/// Placeholder: replaced by its owner (see Docs/Architecture.md).
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "batch", abstract: "Not built yet.")
    func run() async throws { throw ValidationError("'batch' is not built yet") }
}
