#!/usr/bin/env node
/**
 * The `certkit` command: the library's functions for shells and scripts.
 * @module
 */
import { EXIT_OK, EXIT_USAGE, report, UsageError, type Command } from './cli/args.js';
import { verifyChainCommand } from './cli/chain.js';
import { inspectCommand } from './cli/inspect.js';
import { certCommand, csrCommand, keygenCommand, skiCommand } from './cli/keys.js';
import { crlCommand, p12Command } from './cli/pkcs12.js';
import { alloydbCommand } from './cli/alloydb.js';
import { haloCommand } from './cli/halo.js';

const COMMANDS: Command[] = [
  inspectCommand,
  skiCommand,
  keygenCommand,
  csrCommand,
  certCommand,
  p12Command,
  verifyChainCommand,
  crlCommand,
  alloydbCommand,
  haloCommand,
];

const overview = `usage: certkit <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(13)} ${c.summary}`).join('\n')}

certkit <command> --help shows a command's options. Exit codes: 0 all well, 1 problems of
severity error (printed on stderr with their code and field), 2 usage errors.`;

async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version') {
    const { createRequire } = await import('node:module');
    console.log((createRequire(import.meta.url)('../package.json') as { version: string }).version);
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`certkit: usage UNKNOWN_COMMAND: unknown command '${name}'\n\n${overview}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return EXIT_OK;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    const code = report(error, `certkit ${name}`);
    if (error instanceof UsageError) console.error(`\n${command.usage}`);
    return code;
  }
}

process.exitCode = await main(process.argv.slice(2));
