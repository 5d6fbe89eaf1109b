import ArgumentParser

/// Placeholder: replaced by its owner (see Docs/Architecture.md).
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Not built yet.")
    func run() async throws { throw ValidationError("'check' is not built yet") }
}
