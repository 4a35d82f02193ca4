import ArgumentParser
import ChronicleCommands
import Logging

/// The `chronicle` executable: everything it does lives in ChronicleCommands.
@main
enum ChronicleMain {
    static func main() async {
        AllocatorSettings.apply()
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        await ChronicleCommand.main(nil)
    }
}
