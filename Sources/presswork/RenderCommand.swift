import ArgumentParser

/// Placeholder: replaced by its owner (see Docs/Architecture.md).
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", abstract: "Not built yet.")
    func run() async throws { throw ValidationError("'render' is not built yet") }
}
