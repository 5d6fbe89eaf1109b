import ArgumentParser

/// The `presswork` command: thin drivers over the library targets.
@main
struct Presswork: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presswork",
        abstract: "Mass-document server: data + templates -> PDF documents in print, e-mail and archive spools.",
        subcommands: [RenderCommand.self, CheckCommand.self, BatchCommand.self, ArchiveCommand.self, BenchCommand.self,
                      WatchCommand.self, ScheduleCommand.self]
    )
}
