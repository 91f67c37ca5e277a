import ArgumentParser
import Foundation
import LockInspector
import LocktopApp
import TerminalUI

struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Open the dashboard on a saved snapshot (the dashboard's w, or locktop list --json), read-only and without Redis.",
        discussion: """
            Every view, sort, filter, detail and copy key works on what the file holds, as of the \
            moment it was taken (TTLs do not count down). Nothing connects to any server.
            """
    )

    @Argument(help: ArgumentHelp("The snapshot's JSON file.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Colour theme: a name from themes/ or a .toml path.", valueName: "name"))
    var theme: String?

    @OptionGroup var screen: ScreenArguments

    func run() async throws {
        let saved: SavedSnapshot
        do {
            saved = try SavedSnapshot.read(file)
        } catch {
            FileHandle.standardError.write(Data("locktop: \(error)\n".utf8))
            throw ExitCode(1)
        }
        var feed = FeedOptions()
        feed.readOnly = true
        var options = DashboardOptions(endpoint: .tcp(), feedOptions: feed, themeName: theme)
        options.replay = (saved, URL(fileURLWithPath: file).lastPathComponent)
        screen.apply(to: &options)
        do {
            try await Dashboard.run(options)
        } catch let error as TerminalError {
            FileHandle.standardError.write(Data("locktop: cannot open the dashboard: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
