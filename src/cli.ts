import { Command, CommanderError } from 'commander';
import { EXIT, UsageError } from './errors.js';
import { processIo } from './commands/io.js';
import { VERSION } from './version.js';

// Each command loads its own modules when it runs, so `cmr --help` stays fast.
const program = new Command()
  .name('cmr')
  .description('Write, check and publish the Critical Minerals Report weekly digest.')
  .version(VERSION)
  .showHelpAfterError('(run cmr --help for usage)')
  .exitOverride();

program
  .command('build')
  .description('Render drafts into the web page, email HTML, plain text and archive.')
  .argument('[paths...]', 'drafts or folders of drafts', [])
  .option('-o, --out <dir>', 'output folder', 'dist')
  .addHelpText('after', '\nExample:\n  $ cmr build                 # every draft in digests/ into dist/\n  $ cmr build digests/2025-11-01.md --out public')
  .action(async (paths: string[], options: { out: string }) => {
    const { runBuild } = await import('./commands/build.js');
    process.exitCode = await runBuild(paths, { root: process.cwd(), out: options.out }, processIo);
  });

program
  .command('check')
  .description('Validate drafts and run the editorial rules, writing nothing; exit 1 on any error.')
  .argument('[paths...]', 'drafts or folders of drafts', [])
  .option('-f, --format <format>', 'report format: pretty, json or github', 'pretty')
  .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
  .option('--strict', 'warnings count as errors')
  .addHelpText(
    'after',
    '\nExample:\n  $ cmr check                 # every draft in digests/\n  $ cmr check digests/2025-11-01.md\n  $ cmr check --strict --format github digests',
  )
  .action(async (paths: string[], options: { format: string; maxWarnings?: string; strict?: boolean }) => {
    const { runCheck } = await import('./commands/check.js');
    process.exitCode = await runCheck(paths, { root: process.cwd(), ...options }, processIo);
  });

program
  .command('rules')
  .description('List the editorial rules of cmr check, with their default and configured severity.')
  .action(async () => {
    const { runRules } = await import('./commands/rules.js');
    process.exitCode = await runRules({ root: process.cwd() }, processIo);
  });

program
  .command('schema')
  .description('Print the JSON Schema of a draft\'s front matter, for editors and other tools.')
  .action(async () => {
    const { runSchema } = await import('./commands/schema.js');
    process.exitCode = runSchema(processIo);
  });

try {
  await program.parseAsync();
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has printed its message already; help and version are not errors.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof UsageError) {
    processIo.err(`cmr: ${error.message}`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  processIo.err(`cmr: internal error: ${message}`);
  processIo.err('This is a bug in cmr, not in your draft. Please report it with the command you ran.');
  if (process.env.CMR_DEBUG && error instanceof Error) processIo.err(error.stack ?? '');
  return EXIT.internal;
}
