import { createHash } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EmailPlan, EmailPlanStore } from '../render/email-template.js';
import { addCodeAndTemplates } from './fingerprint.js';
import { readJson, writeJson } from './json-files.js';

/**
 * Remembers the email plan of the templates in `templatesDir` in `email-v1/` of `cacheDir` (a
 * project's `.cache/cmr/`, or cmr's own prebuilt templates), in a file named by the hash of
 * those templates and cmr's code, so no other templates or code ever read it. Only the current
 * plan is kept.
 */
export function emailPlanStore(cacheDir: string, templatesDir: string): EmailPlanStore {
  const dir = join(cacheDir, 'email-v1');
  // Hashed on first use: a run that loads no email hashes no templates.
  let named: string | undefined;
  const planName = () => (named ??= `${addCodeAndTemplates(createHash('sha256'), templatesDir).digest('hex')}.json`);
  return {
    read: () => readJson<EmailPlan>(join(dir, planName())),
    write(plan) {
      const name = planName();
      writeJson(join(dir, name), plan);
      for (const old of readdirSync(dir)) if (old.endsWith('.json') && old !== name) rmSync(join(dir, old), { force: true });
    },
  };
}
