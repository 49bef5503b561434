import { Command, CommanderError } from 'commander';
import { EXIT, UsageError } from './errors.js';
import { leveledIo, processIo, verbosityOf } from './commands/io.js';
import { VERSION } from './version.js';

// Each command loads its own modules when it runs, so `cmr --help` stays fast.
const program = new Command()
  .name('cmr')
  .description('Write, check and publish the Critical Minerals Report weekly digest.')
  .version(VERSION)
  .showHelpAfterError('(run cmr --help for usage)')
  .option('-q, --quiet', 'print only results and problems')
  .option('--verbose', 'also print details of what happens')
  .configureHelp({ showGlobalOptions: true })
  .exitOverride();

/** The Io of the running command, at the verbosity the global options ask for. */
const io = () => leveledIo(verbosityOf(program.opts()));

program
  .command('build')
  .description('Render drafts into the web page, the email (HTML, text, .eml), the archive and the feeds.')
  .argument('[paths...]', 'drafts or folders of drafts', [])
  .option('-o, --out <dir>', 'output folder', 'dist')
  .option('--no-cache', 'render every issue again, ignoring and not updating .cache/cmr/')
  .addHelpText('after', '\nExample:\n  $ cmr build                 # every draft in digests/ into dist/\n  $ cmr build digests/2025-11-01.md --out public')
  .action(async (paths: string[], options: { out: string; cache: boolean }) => {
    const { runBuild } = await import('./commands/build.js');
    process.exitCode = await runBuild(paths, { root: process.cwd(), out: options.out, cache: options.cache }, io());
  });

program
  .command('check')
  .description('Validate drafts and run the editorial rules, writing nothing; exit 1 on any error.')
  .argument('[paths...]', 'drafts or folders of drafts', [])
  .option('-f, --format <format>', 'report format: pretty, json or github', 'pretty')
  .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
  .option('--strict', 'warnings count as errors')
  .option('--no-cache', 'check every draft again, ignoring and not updating .cache/cmr/')
  .addHelpText(
    'after',
    '\nExample:\n  $ cmr check                 # every draft in digests/\n  $ cmr check digests/2025-11-01.md\n  $ cmr check --strict --format github digests',
  )
  .action(async (paths: string[], options: { format: string; maxWarnings?: string; strict?: boolean; cache: boolean }) => {
    const { runCheck } = await import('./commands/check.js');
    process.exitCode = await runCheck(paths, { root: process.cwd(), ...options }, io());
  });

program
  .command('rules')
  .description('List the editorial rules of cmr check, with their default and configured severity.')
  .addHelpText('after', '\nExample:\n  $ cmr rules')
  .action(async () => {
    const { runRules } = await import('./commands/rules.js');
    process.exitCode = await runRules({ root: process.cwd() }, io());
  });

program
  .command('schema')
  .description('Print the JSON Schema of a draft\'s front matter, for editors and other tools.')
  .addHelpText('after', '\nExample:\n  $ cmr schema > schema/draft.schema.json')
  .action(async () => {
    const { runSchema } = await import('./commands/schema.js');
    process.exitCode = runSchema(io());
  });

program
  .command('new')
  .description('Start the next issue: digests/<date>.md, a week after the latest, with every list empty.')
  .option('-d, --date <YYYY-MM-DD>', 'issue date (default: 7 days after the latest draft)')
  .addHelpText('after', '\nExample:\n  $ cmr new                    # the issue a week after the latest draft\n  $ cmr new --date 2025-11-10')
  .action(async (options: { date?: string }) => {
    const { runNew } = await import('./commands/new.js');
    process.exitCode = await runNew({ root: process.cwd(), date: options.date }, io());
  });

program
  .command('add')
  .description('Add a link to a list of the latest draft, newest first, fetching its title and date.')
  .argument('<section>', 'headlines, media, interviews or releases')
  .argument('<url>', 'the link to add')
  .option('-t, --title <text>', 'title of the piece (default: from the page)')
  .option('-d, --date <YYYY-MM-DD>', 'date it was published (default: from the page)')
  .option('-s, --source <name>', 'publisher, e.g. Reuters')
  .option('-c, --company <name>', 'company that issued a release')
  .option('--draft <file>', 'draft to add to (default: the latest in digests/)')
  .option('--timeout <seconds>', 'how long to wait for the page', '10')
  .addHelpText('after', '\nExample:\n  $ cmr add headlines https://example.com/copper-record --source Reuters\n  $ cmr add releases https://example.com/pr --title "Drill results" --date 2025-11-03 --company "Ucore Rare Metals Inc."')
  .action(async (section: string, url: string, options: { timeout: string } & Record<string, string | undefined>) => {
    const { runAdd } = await import('./commands/add.js');
    const timeoutMs = Number(options.timeout) * 1000;
    if (!(timeoutMs > 0)) throw new UsageError(`--timeout must be a number of seconds, got "${options.timeout}"`);
    const { title, date, source, company, draft } = options;
    process.exitCode = await runAdd(section, url, { root: process.cwd(), title, date, source, company, draft, timeoutMs }, io());
  });

program
  .command('preview')
  .description('Serve the drafts with live reload: web page, email at 600 and 375 px, and plain text.')
  .argument('[draft]', 'draft to open first (default: the index of drafts)')
  .option('-p, --port <number>', 'port to listen on (0 picks a free one)', '4000')
  .option('--host <address>', 'address to listen on', '127.0.0.1')
  .option('--open', 'open the page in the browser', false)
  .addHelpText('after', '\nExample:\n  $ cmr preview                            # http://127.0.0.1:4000/\n  $ cmr preview digests/2025-11-08.md --open --port 4100')
  .action(async (draft: string | undefined, options: { port: string; host: string; open: boolean }) => {
    const { runPreview } = await import('./commands/preview.js');
    process.exitCode = await runPreview(draft, { root: process.cwd(), ...options }, io());
  });

// No top-level await: the bundle in lib/ is CommonJS (see rolldown.config.mjs).
program.parseAsync().catch((error: unknown) => {
  process.exitCode = exitCodeFor(error);
});

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
