import LwkdCLI

LwkdMain.exit(LwkdMain.run(Array(CommandLine.arguments.dropFirst())))
