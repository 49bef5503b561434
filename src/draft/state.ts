import { createHash } from 'node:crypto';
import { readFileSync, statSync, type BigIntStats } from 'node:fs';

/** The hash that tells whether a draft's bytes are those a record was made from. */
export function contentOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}

/**
 * A draft's size, inode, and modification and change times to the nanosecond, as git's index
 * keeps them: while they are as they were, so are the bytes, and the draft need not be read to
 * prove it. The change time cannot be set by hand (setting the modification time back sets it to
 * now), so an edit that keeps the size and restores the modification time still changes it.
 */
export type Stamp = string;

/**
 * How long before a check or a build a draft must have last changed for its stamp to vouch for its bytes.
 * A write that lands in the same tick of the file system's clock as the stamp was taken may leave
 * the stamp as it was (git's "racily clean" files). Ticks are a few milliseconds on Linux, a
 * second on some file systems and two on FAT, and the file system's clock may lag the process's by
 * one: a draft changed within two seconds of the check or build is read and hashed instead.
 */
const SETTLE_NS = 2_000_000_000n;

/** What a check or a build sees of a draft before reading it. */
export interface Seen {
  /** Its stamp, when it last changed long enough before the check or build to be trusted. */
  stamp?: Stamp;
}

/**
 * The draft `file` as its stat shows it to a check or build that started at `startedNs` (wall clock, in
 * nanoseconds), or none when it cannot be read or is larger than `maxBytes` (it is not read:
 * checking it reports its size).
 */
export function seeDraft(file: string, maxBytes: number, startedNs: bigint): Seen | undefined {
  let stats: BigIntStats;
  try {
    stats = statSync(file, { bigint: true });
  } catch {
    return undefined;
  }
  if (!stats.isFile() || stats.size > BigInt(maxBytes)) return undefined;
  return isSettled(stats, startedNs) ? { stamp: stampOf(stats) } : {};
}

/**
 * Whether `seen` shows the draft as it was when `recorded` was taken, so that the hash of its
 * bytes recorded then still holds without reading it.
 */
export function vouches(seen: Seen | undefined, recorded: { stamp?: Stamp } | undefined): boolean {
  return seen?.stamp !== undefined && seen.stamp === recorded?.stamp;
}

/** The hash of the draft's bytes as they are now, or none when it cannot be read. */
export function currentContent(file: string): string | undefined {
  try {
    return contentOf(readFileSync(file));
  } catch {
    return undefined;
  }
}

function isSettled(stats: BigIntStats, startedNs: bigint): boolean {
  const changedNs = stats.ctimeNs > stats.mtimeNs ? stats.ctimeNs : stats.mtimeNs;
  return changedNs < startedNs - SETTLE_NS;
}

function stampOf(stats: BigIntStats): Stamp {
  return `${stats.size} ${stats.ino} ${stats.mtimeNs} ${stats.ctimeNs}`;
}
