/** Where a command prints: standard output for results, standard error for problems and progress. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** What a command did, on standard output (`wrote …`, `added …`); `--quiet` hides it. */
  info?(text: string): void;
  /** Details for finding out what happened, on standard error; only `--verbose` shows them. */
  debug?(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** How much a command says besides its results and problems. */
export type Verbosity = 'quiet' | 'normal' | 'verbose';

/** The verbosity the global `--quiet` and `--verbose` options ask for; quiet wins over verbose. */
export function verbosityOf(options: { quiet?: boolean; verbose?: boolean }): Verbosity {
  if (options.quiet) return 'quiet';
  return options.verbose ? 'verbose' : 'normal';
}

/** An Io whose notes and details follow `verbosity`. Results and problems always print. */
export function leveledIo(verbosity: Verbosity, base: Io = processIo): Io {
  const silent = () => {};
  return {
    out: base.out,
    err: base.err,
    info: verbosity === 'quiet' ? silent : base.out,
    debug: verbosity === 'verbose' ? base.err : silent,
  };
}

/** Prints what a command did; an Io without levels prints it as output. */
export function note(io: Io, text: string): void {
  (io.info ?? io.out)(text);
}

/** Prints a detail only when the Io was made verbose. */
export function detail(io: Io, text: string): void {
  io.debug?.(text);
}
