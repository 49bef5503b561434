import { link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';

/** An output folder that is written aside and swapped in whole, or not at all. */
export interface SiteWriter {
  /** Writes one file, by its path relative to the output folder. */
  write(path: string, content: string): Promise<void>;
  /** Adds an existing file under `path` as a hard link: no bytes are copied. */
  link(path: string, existing: string): Promise<void>;
  /** Swaps the new output in place of the old one. */
  commit(): Promise<void>;
  /** Throws the new output away, leaving the old one untouched. */
  abort(): Promise<void>;
}

/** Starts writing a new version of `out` in a temporary folder beside it. */
export async function openSite(out: string): Promise<SiteWriter> {
  const target = resolve(out);
  const staging = `${target}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  return {
    async write(path, content) {
      const file = inside(staging, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
    },
    async link(path, existing) {
      const file = inside(staging, path);
      await mkdir(dirname(file), { recursive: true });
      await link(existing, file);
    },
    async commit() {
      const old = `${target}.old-${process.pid}`;
      await rm(old, { recursive: true, force: true });
      await rename(target, old).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      await rename(staging, target);
      await rm(old, { recursive: true, force: true });
    },
    async abort() {
      await rm(staging, { recursive: true, force: true });
    },
  };
}

/** Resolves `path` under `root`, refusing anything that would land outside it. */
export function inside(root: string, path: string): string {
  const clean = normalize(path);
  if (isAbsolute(clean) || clean === '..' || clean.startsWith(`..${sep}`)) {
    throw new Error(`refusing to write outside the output folder: ${path}`);
  }
  return join(root, clean);
}
