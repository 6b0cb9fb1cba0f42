#!/usr/bin/env node
// Entry point of the `iamwhy` command. Kept tiny: enable Node's compile cache
// when it exists (Node 22.1+) so start-up stays lean, then hand over to the CLI.
import module from 'node:module';

module.enableCompileCache?.();
// A closed pipe (`iamwhy … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
