import { parentPort, workerData } from 'node:worker_threads';
import type { Linted, LintTask } from '../check/lint.js';
import type { Templates } from '../render/templates.js';
import type { Config } from '../schema/config.js';
import { enableCompileCache } from '../compile-cache.js';
import { toWire, type Checked } from './checked.js';
import { transferablesOf, type PageResult, type PagesTask } from './pages.js';

/** What a worker needs to know about the project, sent once when it starts. */
export interface WorkerSetup {
  root: string;
  /** Only a thread that renders needs templates. */
  templatesDir?: string;
  /** The build cache's folder, when the build uses one. */
  cacheDir?: string;
  /** The project's config as the build validated it; a check reads it again. */
  config?: Config;
}

export type Task = { kind: 'check'; file: string } | PagesTask | LintTask;

export type TaskResult<T extends Task> = T extends { kind: 'check' } ? Checked : T extends { kind: 'lint' } ? Linted : PageResult[];

/**
 * Runs one task: `check` validates a draft (load → parse → validate); `pages` validates and
 * writes a run of issues; `lint` also runs the draft rules of `cmr check`. The config (unless the
 * build hands over the one it validated) and the templates are read once per thread, on first use.
 * Modules load lazily so a thread that only checks never loads the renderers.
 */
export function taskRunner(setup: WorkerSetup): <T extends Task>(task: T) => Promise<TaskResult<T>> {
  let config: Promise<Config> | undefined = setup.config && Promise.resolve(setup.config);
  let templates: Promise<Templates> | undefined;
  const projectConfig = () =>
    (config ??= import('../config/load.js').then(async ({ loadConfig }) => {
      const loaded = await loadConfig(setup.root);
      if (!loaded.config) throw new Error('the config became invalid while building');
      return loaded.config;
    }));
  const projectTemplates = () =>
    (templates ??= Promise.all([import('../render/templates.js'), import('./template-stores.js')]).then(([m, { templateStores }]) => {
      const dir = setup.templatesDir ?? m.templatesDir(setup.root);
      // A build with --no-cache reads and writes nothing in .cache/cmr/.
      return m.loadTemplates(dir, undefined, templateStores(setup.cacheDir === undefined ? undefined : setup.root, dir));
    }));
  // `cmr check`: the draft rules too (src/check/lint.ts).
  let lint: Promise<(task: LintTask) => Promise<Linted>> | undefined;

  return async <T extends Task>(task: T): Promise<TaskResult<T>> => {
    if (task.kind === 'lint') {
      lint ??= import('../check/lint.js').then((m) => m.lintRunner(setup.root));
      const run = await lint;
      return (await run(task)) as TaskResult<T>;
    }
    const [{ readDraft }, { summarize }, cfg] = await Promise.all([import('../draft/read.js'), import('../render/summary.js'), projectConfig()]);
    const read = (file: string) => readDraft(file, cfg.limits);
    if (task.kind === 'check') {
      const result = await read(task.file);
      const summary = result.valid ? summarize(result.valid.digest, cfg) : undefined;
      return { file: task.file, diagnostics: result.diagnostics.map(toWire), summary } as TaskResult<T>;
    }
    const [{ renderPages }, { renderIssue }, { cacheStore }, tpl] = await Promise.all([
      import('./pages.js'),
      import('../render/issue.js'),
      import('./cache.js'),
      projectTemplates(),
    ]);
    return (await renderPages(task, {
      read,
      summarize: (valid) => summarize(valid.digest, cfg),
      render: (valid, neighbours) => renderIssue({ valid, config: cfg, templates: tpl, ...neighbours }),
      cache: setup.cacheDir === undefined ? undefined : cacheStore(setup.cacheDir),
    })) as TaskResult<T>;
  };
}

// Started as a worker thread by the pool: answer each task message with its result.
if (parentPort && (workerData as { cmrWorker?: WorkerSetup } | undefined)?.cmrWorker) {
  const port = parentPort;
  enableCompileCache();
  const run = taskRunner((workerData as { cmrWorker: WorkerSetup }).cmrWorker);
  port.on('message', (message: { id: number; task: Task } | { given: number }) => {
    // Buffers given back (see Pool.giveBack) need nothing: unreferenced, they go with the next young collection.
    if (!('task' in message)) return;
    const { id, task } = message;
    run(task).then(
      (result) => port.postMessage({ id, result }, task.kind === 'pages' ? transferablesOf(result as PageResult[]) : []),
      (error: unknown) => port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
}
