/** A mistake in how cmr was called or set up (exit 2), as opposed to an invalid draft (exit 1). */
export class UsageError extends Error {}

export const EXIT = { ok: 0, invalid: 1, usage: 2, internal: 70 } as const;
