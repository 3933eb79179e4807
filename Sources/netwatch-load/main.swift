import Glibc
import NetwatchLoad

// Block SIGTERM and SIGINT before anything else, so that a stop request at any moment ends the run
// cleanly with status 0; a closed stdout must not kill the process either.
let clock = SignalAwareClock()
signal(SIGPIPE, SIG_IGN)
exit(NetwatchLoadCommand.execute(Array(CommandLine.arguments.dropFirst()), clock: clock))
