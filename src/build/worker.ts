import { parentPort, workerData } from 'node:worker_threads';
import type { Linted, LintTask } from '../check/lint.js';
import { diagnostic, type Diagnostic, type DiagnosticInit } from '../diagnostics/diagnostic.js';
import type { RenderedIssue } from '../render/issue.js';
import type { Templates } from '../render/templates.js';
import type { IssueSummary } from '../render/summary.js';
import type { Config } from '../schema/config.js';

/** What a worker needs to know about the project, sent once when it starts. */
export interface WorkerSetup {
  root: string;
  /** Only a thread that renders needs templates. */
  templatesDir?: string;
}

/** A diagnostic as plain data, so it can cross a thread boundary or sit in the cache. */
export type WireDiagnostic = DiagnosticInit & { reason: string };

export type Task =
  | { kind: 'check'; file: string }
  | { kind: 'render'; file: string; previous?: IssueSummary; next?: IssueSummary }
  | LintTask;

/** The outcome of validating one draft: its problems, or what the site needs to know of it. */
export interface Checked {
  file: string;
  diagnostics: WireDiagnostic[];
  summary?: IssueSummary;
}

export type TaskResult<T extends Task> = T extends { kind: 'check' } ? Checked : T extends { kind: 'lint' } ? Linted : RenderedIssue;

export function toWire(d: Diagnostic): WireDiagnostic {
  const place = d.place && 'start' in d.place ? d.place : undefined;
  return { reason: d.reason, file: d.file ?? '', rule: d.ruleId ?? '', severity: d.severity, place, field: d.field };
}

export function fromWire(wire: WireDiagnostic): Diagnostic {
  return diagnostic(wire.reason, wire);
}

/**
 * Runs one task: load → parse → validate, and for `render` the outputs of the issue too.
 * The config and templates are read once per thread, on first use. Modules load lazily so a
 * thread that only checks never loads the renderers.
 */
export function taskRunner(setup: WorkerSetup): <T extends Task>(task: T) => Promise<TaskResult<T>> {
  let config: Promise<Config> | undefined;
  let templates: Promise<Templates> | undefined;
  const projectConfig = () =>
    (config ??= import('../config/load.js').then(async ({ loadConfig }) => {
      const loaded = await loadConfig(setup.root);
      if (!loaded.config) throw new Error('the config became invalid while building');
      return loaded.config;
    }));
  const projectTemplates = () =>
    (templates ??= import('../render/templates.js').then((m) => m.loadTemplates(setup.templatesDir ?? m.templatesDir(setup.root))));
  // `cmr check`: the draft rules too (src/check/lint.ts).
  let lint: Promise<(task: LintTask) => Promise<Linted>> | undefined;

  return async <T extends Task>(task: T): Promise<TaskResult<T>> => {
    if (task.kind === 'lint') {
      lint ??= import('../check/lint.js').then((m) => m.lintRunner(setup.root));
      const run = await lint;
      return (await run(task)) as TaskResult<T>;
    }
    const { readDraft } = await import('../draft/read.js');
    const result = await readDraft(task.file, (await projectConfig()).limits);
    if (task.kind === 'check') {
      const { summarize } = await import('../render/summary.js');
      const summary = result.valid ? summarize(result.valid.digest, await projectConfig()) : undefined;
      return { file: task.file, diagnostics: result.diagnostics.map(toWire), summary } as TaskResult<T>;
    }
    if (!result.valid) throw new Error(`${task.file} became invalid while building`);
    const { renderIssue } = await import('../render/issue.js');
    const [cfg, tpl] = await Promise.all([projectConfig(), projectTemplates()]);
    return renderIssue({ valid: result.valid, config: cfg, templates: tpl, previous: task.previous, next: task.next }) as TaskResult<T>;
  };
}

// Started as a worker thread by the pool: answer each task message with its result.
if (parentPort && (workerData as { cmrWorker?: WorkerSetup } | undefined)?.cmrWorker) {
  const port = parentPort;
  const run = taskRunner((workerData as { cmrWorker: WorkerSetup }).cmrWorker);
  port.on('message', ({ id, task }: { id: number; task: Task }) => {
    run(task).then(
      (result) => port.postMessage({ id, result }),
      (error: unknown) => port.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
}
