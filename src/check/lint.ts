import { toWire, type WireDiagnostic } from '../build/worker.js';
import { readConfigFile } from '../config/file.js';
import { parseConfig } from '../config/load.js';
import { readDraftFile, type DraftResult } from '../draft/read.js';
import { DEFAULT_LIMITS, type Limits } from '../limits/limits.js';
import { templatesDir } from '../render/templates-dir.js';
import { issueEntries } from '../rules/entries.js';
import { inputsFor } from '../rules/inputs.js';
import { applyRules, type DraftInputs } from '../rules/run.js';
import type { IssueEntries } from '../rules/runs.js';
import type { Config } from '../schema/config.js';
import type { ValidDraft } from '../validate/digest.js';
import { openCheckCache, type CheckCache } from './cache.js';

/** Checking one draft: a task of the worker pool. */
export interface LintTask {
  kind: 'lint';
  file: string;
  /** Warnings count as errors. */
  strict: boolean;
  /** Only the issue's entries are wanted: the draft is not being checked, only compared with. */
  entriesOnly: boolean;
  /** Record what was found in the check cache (not with --no-cache). */
  cache: boolean;
}

/** A draft's own problems: those of reading it, else those of the draft rules (see `DraftProblems`). */
export interface Verdict {
  strict: boolean;
  diagnostics: WireDiagnostic[];
  folderRulesAt: Record<string, number>;
}

/** What checking one draft found, as plain data, to cross a thread boundary and to be cached. */
export interface DraftRecord {
  /** Absent when only the entries were asked for. */
  verdict?: Verdict;
  /** Present when the draft is a valid issue. */
  issue?: IssueEntries;
}

/** What a thread knows of a project, prepared on its first task. */
interface Project {
  config?: Config;
  limits: Limits;
  /** The cache of this config, opened on first use. */
  cache(): CheckCache;
  /** The draft rules' inputs, prepared on first use: a thread that only reads entries loads no parser or renderer. */
  inputs(): Promise<(valid: ValidDraft) => DraftInputs>;
}

/**
 * Runs lint tasks for the project at `root`. The config is read once, and the cache is keyed
 * by the config this runner read, so what it records always matches the config it used.
 */
export function lintRunner(root: string): (task: LintTask) => Promise<DraftRecord> {
  const project = openProject(root);
  return async (task) => {
    const { config, limits, cache, inputs } = await project;
    const { result, bytes } = await readDraftFile(task.file, limits);
    const record = task.entriesOnly ? { issue: issueOf(result) } : await verdictRecord(result, config, inputs, task.strict);
    if (task.cache && bytes) await cache().save(task.file, bytes, record);
    return record;
  };
}

async function openProject(root: string): Promise<Project> {
  const file = await readConfigFile(root);
  // Without a valid config, drafts are still read and validated (with the default limits),
  // so every problem shows at once; no editorial rule runs.
  const { config } = parseConfig(file.name, file.bytes);
  let cache: CheckCache | undefined;
  let inputs: Promise<(valid: ValidDraft) => DraftInputs> | undefined;
  return {
    config,
    limits: config?.limits ?? DEFAULT_LIMITS,
    cache: () => (cache ??= openCheckCache(root, file, templatesDir(root))),
    inputs: () => (inputs ??= inputsFor(config!, root)),
  };
}

function issueOf(result: DraftResult): IssueEntries | undefined {
  return result.valid && issueEntries(result.valid);
}

async function verdictRecord(
  result: DraftResult,
  config: Config | undefined,
  inputs: Project['inputs'],
  strict: boolean,
): Promise<DraftRecord> {
  const issue = issueOf(result);
  if (!result.valid || !config) return { issue, verdict: { strict, diagnostics: result.diagnostics.map(toWire), folderRulesAt: {} } };
  const problems = applyRules(result.valid, config, (await inputs())(result.valid), strict);
  return { issue, verdict: { strict, diagnostics: problems.diagnostics.map(toWire), folderRulesAt: problems.folderRulesAt } };
}
