import { z } from 'zod';
import { DEFAULT_DRAFT_BYTES } from './draft-bytes.js';

const count = (description: string, fallback: number, max = Number.MAX_SAFE_INTEGER) =>
  z.int().positive().max(max).default(fallback).describe(description);

/**
 * Bounds on what one draft may hold. A draft is untrusted input: these keep a
 * hostile or broken one from making cmr run out of memory, stack or patience.
 */
export const limitsSchema = z
  .strictObject({
    draft_bytes: count(
      'Largest draft file, in bytes',
      DEFAULT_DRAFT_BYTES,
      // Markdown parsing time grows faster than the input on some shapes; beyond
      // this size a pathological body can take minutes or exhaust the stack.
      512 * 1024,
    ),
    list_entries: count('Most entries in one front matter list (tags, markets, headlines, …)', 100),
    title_chars: count('Longest title of the issue or of a list entry, in characters', 300),
    nesting_depth: count('Deepest nesting of lists and mappings in the front matter, and of block quotes and lists in the editorial', 16, 64),
  })
  .describe('Limits on the size and shape of a draft');

export type Limits = z.infer<typeof limitsSchema>;

export const DEFAULT_LIMITS: Limits = limitsSchema.parse({});
