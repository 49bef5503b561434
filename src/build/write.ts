import { linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { readJson } from './json-files.js';

/**
 * Files written into a folder, by their paths relative to it. The output is written, staged
 * and put in place with plain synchronous system calls: the thread that writes it does nothing
 * else meanwhile, and a round trip through libuv's thread pool for each of a few thousand small
 * files (or a few dozen renames in a row) costs more than the system calls themselves.
 */
export interface FolderWriter {
  /** Writes one file, by its path relative to the output folder. */
  write(path: string, content: string): Promise<void>;
  /** Writes the files of one folder (an issue), by name. */
  writeFolder(dir: string, files: Readonly<Record<string, Uint8Array>>): void;
  /** Adds every file of the folder `existing` under `dir` as hard links: no bytes are copied. */
  linkFolder(dir: string, existing: string): void;
}

/**
 * A new version of an output folder, written aside and put in place whole, or not at all.
 * Staged whole, it replaces the old folder; staged as a patch, each top-level file or folder
 * it holds replaces the one of the same name, and `remove` names the ones that go.
 */
export interface SiteWriter extends FolderWriter {
  /** The folder the new output is staged in, which worker threads write into too. */
  staging: string;
  /**
   * Puts the new output in place of the old one. Returns the names at the top of the output
   * that a patch added, replaced or removed; a whole new output changes them all.
   */
  commit(remove?: readonly string[]): Promise<readonly string[] | 'all'>;
  /** Throws the new output away, leaving the old one untouched. */
  abort(): Promise<void>;
}

/** Where the previous output waits while the new one is renamed into place. */
const previousOf = (target: string) => `${target}.previous`;
/** A committed patch waiting to be applied: once a staged patch has this name, it will be. */
const patchOf = (target: string) => `${target}.patch`;
/** In a patch, the names to remove from the output, and where replaced versions are put aside. */
const REMOVE = '.cmr-remove.json';
const REPLACED = '.cmr-replaced';
const STAGING = '.staging-';

/** Starts writing a new version of `out`, whole or as a patch, in a temporary folder beside it. */
export async function openSite(out: string, options: { patch?: boolean } = {}): Promise<SiteWriter> {
  const target = resolve(out);
  await recoverSite(target);
  if (kind(target) === 'other') {
    throw new UsageError(`refusing to build into ${out}: it is a file, not a folder`);
  }
  const staging = `${target}${STAGING}${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  return {
    staging,
    ...folderWriter(staging),
    async commit(remove = []) {
      if (options.patch) return commitPatch(staging, target, remove);
      // Two renames: between them there is no `out`, only its previous version
      // beside it, which recoverSite puts back if the process dies right there.
      const previous = previousOf(target);
      renameUnlessMissing(target, previous);
      renameSync(staging, target);
      rmSync(previous, { recursive: true, force: true });
      return 'all';
    },
    async abort() {
      rmSync(staging, { recursive: true, force: true });
    },
  };
}

/**
 * Commits a patch with one rename, so that from then on it is applied whole: now, or by
 * recoverSite if this process dies while applying it.
 */
async function commitPatch(staging: string, target: string, remove: readonly string[]): Promise<readonly string[]> {
  const staged = readdirSync(staging);
  writeFileSync(join(staging, REMOVE), JSON.stringify(remove));
  renameSync(staging, patchOf(target));
  applyPatch(target);
  return [...staged, ...remove];
}

/**
 * Moves each entry of the committed patch into the output, putting the version it replaces
 * aside first, then removes what the patch says. Safe to run again after any interruption:
 * an entry still in the patch has not been moved in yet.
 */
function applyPatch(target: string): void {
  const patch = patchOf(target);
  const replaced = join(patch, REPLACED);
  mkdirSync(replaced, { recursive: true });
  // Without its list (written before the patch was committed), the patch was applied and was being deleted.
  const remove = readJson<string[]>(join(patch, REMOVE));
  if (remove === undefined) return rmSync(patch, { recursive: true, force: true });
  const putAside = (name: string) => {
    rmSync(join(replaced, name), { recursive: true, force: true });
    renameUnlessMissing(join(target, name), join(replaced, name));
  };
  for (const name of readdirSync(patch)) {
    if (name === REMOVE || name === REPLACED) continue;
    putAside(name);
    renameSync(join(patch, name), join(target, name));
  }
  for (const name of remove) putAside(inside(target, name).slice(target.length + 1));
  rmSync(patch, { recursive: true, force: true });
}

function renameUnlessMissing(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function listIfThere(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

/** Writes files under `folder`, refusing any path that would land outside it. */
export function folderWriter(folder: string): FolderWriter {
  return {
    async write(path, content) {
      const file = inside(folder, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    },
    writeFolder(dir, files) {
      const target = inside(folder, dir);
      mkdirSync(target, { recursive: true });
      for (const [name, content] of Object.entries(files)) writeFileSync(inside(target, name), content);
    },
    linkFolder(dir, existing) {
      const target = inside(folder, dir);
      mkdirSync(target, { recursive: true });
      for (const name of readdirSync(existing)) linkSync(join(existing, name), inside(target, name));
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
  if (kind(patchOf(target)) === 'folder') {
    // A committed patch is finished; one left without the output it patches is dropped.
    if (kind(target) === 'folder') applyPatch(target);
    else rmSync(patchOf(target), { recursive: true, force: true });
  }
  const previous = previousOf(target);
  if (kind(previous) === 'folder') {
    if (kind(target) === 'missing') renameSync(previous, target);
    else rmSync(previous, { recursive: true, force: true });
  }
  const prefix = `${basename(target)}${STAGING}`;
  const siblings = listIfThere(dirname(target));
  for (const name of siblings) {
    const pid = Number(name.slice(prefix.length));
    if (name.startsWith(prefix) && Number.isInteger(pid) && !isRunning(pid)) {
      rmSync(join(dirname(target), name), { recursive: true, force: true });
    }
  }
}

function kind(path: string): 'missing' | 'folder' | 'other' {
  const info = statSync(path, { throwIfNoEntry: false });
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
