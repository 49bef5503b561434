/** Where a command prints: standard output for results, standard error for problems and progress. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** What a command did, on standard output (`wrote …`, `added …`); `--quiet` hides it. */
  info?(text: string): void;
  /** Details for finding out what happened, on standard error; only `--verbose` shows them. */
  debug?(text: string): void;
  /** Redraws one line of progress; only on a terminal, so piped output stays clean. */
  progress?(done: number, total: number, what: string): void;
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

/** Where progress is drawn: standard error when it is a terminal. */
type Terminal = { write(text: string): unknown };
const stderrTerminal: Terminal | undefined = process.stderr.isTTY ? process.stderr : undefined;

/**
 * An Io whose notes and details follow `verbosity`. Results and problems always print;
 * progress is drawn only on a terminal and never with --quiet.
 */
export function leveledIo(verbosity: Verbosity, base: Io = processIo, terminal = stderrTerminal): Io {
  const silent = () => {};
  return {
    out: base.out,
    err: base.err,
    info: verbosity === 'quiet' ? silent : base.out,
    debug: verbosity === 'verbose' ? base.err : silent,
    progress: verbosity === 'quiet' || !terminal ? undefined : progressLine(terminal),
  };
}

const BAR_WIDTH = 30;
/** Redraws at most this often, so drawing never costs more than the work it reports. */
const FRAME_MS = 80;

/** `[#####-----] 3/40 what` redrawn in place, and wiped when done so later output starts clean. */
function progressLine(terminal: Terminal): NonNullable<Io['progress']> {
  let drawn = -Infinity;
  return (done, total, what) => {
    if (done >= total) {
      terminal.write('\r\x1b[K');
      return;
    }
    if (performance.now() - drawn < FRAME_MS) return;
    drawn = performance.now();
    const filled = Math.round((done / total) * BAR_WIDTH);
    terminal.write(`\r\x1b[K[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${done}/${total} ${what}`);
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
