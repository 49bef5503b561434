import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { threadId } from 'node:worker_threads';

// The caches' small JSON files, read and written synchronously: they are read a thousand at a
// time, or once at start-up, where a round trip through libuv's thread pool costs more.

/**
 * A cached JSON file, or undefined when it is missing or was cut short by a process that died
 * while writing it (cut short, JSON never parses: it ends with its closing bracket).
 */
export function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Writes `value` as JSON, whole or not at all (see `writeWhole`). */
export function writeJson(file: string, value: unknown): void {
  writeWhole(file, JSON.stringify(value));
}

/**
 * Writes `data` aside, then renames it into place, so a reader never sees half of it; the name
 * aside is the process's and thread's own, since threads of one build may write the same file.
 */
export function writeWhole(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.tmp-${process.pid}-${threadId}`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
