import { toWire, type WireDiagnostic } from '../build/checked.js';
import { readConfigFile } from '../config/file.js';
import { parseConfig } from '../config/load.js';
import { readDraftFile, type DraftResult } from '../draft/read.js';
import { DEFAULT_LIMITS, type Limits } from '../limits/limits.js';
import { issueEntries } from '../rules/entries.js';
import { inputsFor } from '../rules/inputs.js';
import { applyRules, type DraftInputs } from '../rules/run.js';
import type { IssueEntries } from '../rules/runs.js';
import type { Config } from '../schema/config.js';
import type { ValidDraft } from '../validate/digest.js';
import { contentOf } from '../draft/state.js';

/** Checking one draft: a task of the worker pool. */
export interface LintTask {
  kind: 'lint';
  file: string;
  /** Warnings count as errors. */
  strict: boolean;
  want: Want;
}

/**
 * What is wanted of a draft: its verdict and entries, when it is being checked; only its
 * entries, when it is one of the other issues of a checked draft's folder; or its entries
 * placed too, when a problem names it (see `compareIssues`).
 */
export type Want = 'verdict' | 'entries' | 'placed';

/** A draft's own problems: those of reading it, else those of the draft rules (see `DraftProblems`). */
export interface Verdict {
  strict: boolean;
  diagnostics: WireDiagnostic[];
  folderRulesAt: Record<string, number>;
}

/** What checking one draft found, as plain data, to cross a thread boundary and to be cached. */
export interface DraftRecord {
  /** Present when the verdict was asked for. */
  verdict?: Verdict;
  /** Present when the draft is a valid issue. */
  issue?: IssueEntries;
}

/** A lint task's record, and the hash of the bytes it was made from (none for a draft too large to read). */
export interface Linted {
  record: DraftRecord;
  content?: string;
}

/** What a thread knows of a project, prepared on its first task. */
interface Project {
  config?: Config;
  limits: Limits;
  /** The draft rules' inputs, prepared on first use: a thread that only reads entries loads no parser or renderer. */
  inputs(): Promise<(valid: ValidDraft) => DraftInputs>;
}

/** Runs lint tasks for the project at `root`; its config is read once. */
export function lintRunner(root: string): (task: LintTask) => Promise<Linted> {
  const project = openProject(root);
  return async (task) => {
    const { config, limits, inputs } = await project;
    const { result, bytes } = await readDraftFile(task.file, limits);
    const record =
      task.want === 'verdict'
        ? await verdictRecord(result, config, inputs, task.strict)
        : { issue: result.valid && issueEntries(result.valid, task.want === 'placed') };
    return { record, content: bytes && contentOf(bytes) };
  };
}

async function openProject(root: string): Promise<Project> {
  const file = await readConfigFile(root);
  // Without a valid config, drafts are still read and validated (with the default limits),
  // so every problem shows at once; no editorial rule runs.
  const { config } = parseConfig(file.name, file.bytes);
  let inputs: Promise<(valid: ValidDraft) => DraftInputs> | undefined;
  return {
    config,
    limits: config?.limits ?? DEFAULT_LIMITS,
    inputs: () => (inputs ??= inputsFor(config!, root)),
  };
}

async function verdictRecord(
  result: DraftResult,
  config: Config | undefined,
  inputs: Project['inputs'],
  strict: boolean,
): Promise<DraftRecord> {
  const issue = result.valid && issueEntries(result.valid, false);
  if (!result.valid || !config) return { issue, verdict: { strict, diagnostics: result.diagnostics.map(toWire), folderRulesAt: {} } };
  const problems = applyRules(result.valid, config, (await inputs())(result.valid), strict);
  return { issue, verdict: { strict, diagnostics: problems.diagnostics.map(toWire), folderRulesAt: problems.folderRulesAt } };
}
