// Types of generate-archive.mjs, for the tests that check the generator.
export const DEFAULT_SEED: number;
export const FIRST_ISSUE: string;
export const EDITORIAL_WORDS: number;
export const SECTION_SIZES: { headlines: number; media: number; interviews: number; releases: number };
export function createRandom(seed: number): () => number;
export function issueDate(index: number, days?: number): string;
export function draftText(index: number, seed?: number): { name: string; text: string };
export function writeArchive(dir: string, count: number, seed?: number): Promise<void>;
