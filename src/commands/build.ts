import { relative, resolve } from 'node:path';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { openSite, recoverSite } from '../build/write.js';
import { renderSite } from '../build/site.js';
import { loadTemplates, templatesDir } from '../render/templates.js';
import { formatPretty } from '../report/pretty.js';
import { checkProject } from './drafts.js';
import { UsageError } from '../errors.js';
import type { Io } from './io.js';

export interface BuildOptions {
  root: string;
  out: string;
}

/** `cmr build`: renders every draft, or writes nothing at all if any draft is invalid. */
export async function runBuild(paths: string[], options: BuildOptions, io: Io): Promise<number> {
  const started = performance.now();
  const out = refuseUnsafeOut(options.root, options.out);
  // A build killed while swapping may have left the previous output aside; even a
  // build that fails below puts it back.
  await recoverSite(out);
  const { config, files, drafts, diagnostics } = await checkProject(options.root, paths);
  if (!config || hasErrors(diagnostics)) {
    io.err(formatPretty(diagnostics, files.length));
    io.err(`nothing written: fix the problems above, then build again`);
    return 1;
  }
  const templates = await loadTemplates(templatesDir(options.root));
  const site = await openSite(out);
  let issues;
  try {
    const files = renderSite(drafts, config, templates);
    for (let next = files.next(); ; next = files.next()) {
      if (next.done) {
        issues = next.value;
        break;
      }
      await site.write(next.value.path, next.value.content);
    }
    await site.commit();
  } catch (error) {
    await site.abort();
    throw error;
  }
  const shown = relative(options.root, out) || '.';
  for (const issue of issues) io.out(`wrote ${shown}/${issue.slug}/  ${issue.title}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  io.out(`built ${issues.length} ${issues.length === 1 ? 'issue' : 'issues'} and the archive into ${shown}/ in ${seconds} s`);
  return 0;
}

/** The output folder is replaced whole, so it must not be the project or its drafts. */
function refuseUnsafeOut(root: string, out: string): string {
  const target = resolve(root, out);
  const forbidden = [resolve('/'), resolve(root), resolve(root, 'digests'), resolve(root, 'templates'), resolve(root, 'src')];
  if (forbidden.includes(target) || resolve(root).startsWith(`${target}/`)) {
    throw new UsageError(`refusing to build into ${out}: it would replace the project's own files; choose a folder such as dist`);
  }
  return target;
}
