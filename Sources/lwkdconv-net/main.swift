import LwkdCLI
import LwkdNetCLI

LwkdMain.exit(LwkdNetMain.run(Array(CommandLine.arguments.dropFirst())))
