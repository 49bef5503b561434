import { link, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';

/** Files written into a folder, by their paths relative to it. */
export interface FolderWriter {
  /** Writes one file, by its path relative to the output folder. */
  write(path: string, content: string): Promise<void>;
  /** Adds an existing file under `path` as a hard link: no bytes are copied. */
  link(path: string, existing: string): Promise<void>;
}

/** An output folder that is written aside and swapped in whole, or not at all. */
export interface SiteWriter extends FolderWriter {
  /** The folder the new output is staged in, which worker threads write into too. */
  staging: string;
  /** Swaps the new output in place of the old one. */
  commit(): Promise<void>;
  /** Throws the new output away, leaving the old one untouched. */
  abort(): Promise<void>;
}

/** Where the previous output waits while the new one is renamed into place. */
const previousOf = (target: string) => `${target}.previous`;
const STAGING = '.staging-';

/** Starts writing a new version of `out` in a temporary folder beside it. */
export async function openSite(out: string): Promise<SiteWriter> {
  const target = resolve(out);
  await recoverSite(target);
  if ((await kind(target)) === 'other') {
    throw new UsageError(`refusing to build into ${out}: it is a file, not a folder`);
  }
  const staging = `${target}${STAGING}${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  return {
    staging,
    ...folderWriter(staging),
    async commit() {
      // Two renames: between them there is no `out`, only its previous version
      // beside it, which recoverSite puts back if the process dies right there.
      const previous = previousOf(target);
      await rename(target, previous).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      await rename(staging, target);
      await rm(previous, { recursive: true, force: true });
    },
    async abort() {
      await rm(staging, { recursive: true, force: true });
    },
  };
}

/** Writes files under `folder`, refusing any path that would land outside it. */
export function folderWriter(folder: string): FolderWriter {
  return {
    async write(path, content) {
      const file = inside(folder, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
    },
    async link(path, existing) {
      const file = inside(folder, path);
      await mkdir(dirname(file), { recursive: true });
      await link(existing, file);
    },
  };
}

/**
 * Repairs what a build killed mid-way left beside `out`: the previous output
 * goes back in place if the new one never arrived, and staging folders of
 * processes that no longer run are removed.
 */
export async function recoverSite(out: string): Promise<void> {
  const target = resolve(out);
  const previous = previousOf(target);
  if ((await kind(previous)) === 'folder') {
    if ((await kind(target)) === 'missing') await rename(previous, target);
    else await rm(previous, { recursive: true, force: true });
  }
  const prefix = `${basename(target)}${STAGING}`;
  const siblings = await readdir(dirname(target)).catch(() => []);
  for (const name of siblings) {
    const pid = Number(name.slice(prefix.length));
    if (name.startsWith(prefix) && Number.isInteger(pid) && !isRunning(pid)) {
      await rm(join(dirname(target), name), { recursive: true, force: true });
    }
  }
}

async function kind(path: string): Promise<'missing' | 'folder' | 'other'> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 'missing';
  return info.isDirectory() ? 'folder' : 'other';
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Resolves `path` under `root`, refusing anything that would land outside it. */
export function inside(root: string, path: string): string {
  const clean = normalize(path);
  if (isAbsolute(clean) || clean === '..' || clean.startsWith(`..${sep}`)) {
    throw new Error(`refusing to write outside the output folder: ${path}`);
  }
  return join(root, clean);
}
