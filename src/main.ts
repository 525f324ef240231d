// Entry point of the `salesos` command: hands the arguments to the CLI.
import { runCli } from './cli/index.ts';

process.exitCode = await runCli(process.argv, process.env);
