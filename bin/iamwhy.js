#!/usr/bin/env node
// Entry point of the `iamwhy` command. Kept tiny: enable Node's compile cache
// when it exists (Node 22.1+) so start-up stays lean, then hand over to the CLI.
import module from 'node:module';

module.enableCompileCache?.();
const { main } = await import('../dist/cli/main.js');
const { processExitCode, processTerminal } = await import('../dist/cli/terminal.js');
// A failing stdout (`> /dev/full`) is reported by the terminal and ends with 2; a closed pipe ends quietly.
process.exitCode = processExitCode(await main(process.argv.slice(2), processTerminal()));
