/**
 * The default of `limits.draft_bytes`. Apart from the schema in `limits.ts`, so that reading
 * a file's text (as `cmr check` does for its code frames) loads no schema library.
 */
export const DEFAULT_DRAFT_BYTES = 128 * 1024;
