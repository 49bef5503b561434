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
  .option('--no-cache', 'render every issue again, ignoring and not updating .cache/cmr/')
  .option('-q, --quiet', 'no progress bar')
  .addHelpText('after', '\nExample:\n  $ cmr build                 # every draft in digests/ into dist/\n  $ cmr build digests/2025-11-01.md --out public')
  .action(async (paths: string[], options: { out: string; cache: boolean; quiet?: boolean }) => {
    const { runBuild } = await import('./commands/build.js');
    const { out, cache, quiet } = options;
    process.exitCode = await runBuild(paths, { root: process.cwd(), out, cache, quiet }, processIo);
  });

program
  .command('check')
  .description('Validate drafts without writing anything; exit 1 if any is invalid.')
  .argument('[paths...]', 'drafts or folders of drafts', [])
  .addHelpText('after', '\nExample:\n  $ cmr check                 # every draft in digests/\n  $ cmr check digests/2025-11-01.md')
  .action(async (paths: string[]) => {
    const { runCheck } = await import('./commands/check.js');
    process.exitCode = await runCheck(paths, { root: process.cwd() }, processIo);
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
