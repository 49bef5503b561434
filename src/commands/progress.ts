/** A progress bar for long runs: drawn on a terminal only, never in pipes, logs or with --quiet. */
export interface Progress {
  tick(): void;
  done(): void;
}

const WIDTH = 30;
/** Redraws at most this often, so drawing never costs more than the work it reports. */
const FRAME_MS = 80;

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  if (quiet || !stream.isTTY || total < 2) return { tick() {}, done() {} };
  let count = 0;
  let drawn = 0;
  const draw = () => {
    const filled = Math.round((count / total) * WIDTH);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${count}/${total}`);
    drawn = performance.now();
  };
  return {
    tick() {
      count++;
      if (count === total || performance.now() - drawn >= FRAME_MS) draw();
    },
    done() {
      // Clear the line, so what follows starts on a clean one.
      if (drawn > 0) stream.write('\r\x1b[2K');
    },
  };
}
