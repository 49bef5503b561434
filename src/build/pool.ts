import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { taskRunner, type Task, type TaskResult, type WorkerSetup } from './worker.js';

/** Runs draft tasks on every core, or in this thread when threads would not pay off. */
export interface Pool {
  run<T extends Task>(task: T): Promise<TaskResult<T>>;
  /**
   * Moves buffers this thread is done with (the files of rendered issues, once written) back to
   * a thread of the pool. A thread collects its young generation every few issues, and frees
   * them then; this thread, which makes little garbage, would hold tens of MB of them until V8
   * found it worth a full collection.
   */
  giveBack(buffers: ArrayBuffer[]): void;
  close(): Promise<void>;
}

/** Below this many tasks, starting threads costs more than it saves. */
export const MIN_TASKS_FOR_THREADS = 8;
/** Tasks queued per thread, so a thread never waits for the main thread to send the next one. */
const IN_FLIGHT_PER_THREAD = 2;

// The thread's entry exists only in the bundle, beside the chunk this module is in.
const WORKER_FILE = new URL('./worker.cjs', import.meta.url);

/**
 * A pool of worker threads sized to the machine. Under the TypeScript sources (tests),
 * threads cannot load `.ts` modules, so tasks run in this thread instead.
 */
export function openPool(setup: WorkerSetup, tasks: number, size = availableParallelism()): Pool {
  const threads = Math.min(size, Math.ceil(tasks / MIN_TASKS_FOR_THREADS));
  if (threads < 2 || import.meta.url.endsWith('.ts')) return inlinePool(setup);
  return threadPool(setup, threads);
}

function inlinePool(setup: WorkerSetup): Pool {
  const run = taskRunner(setup);
  return { run, giveBack: () => {}, close: async () => {} };
}

interface Pending {
  task: Task;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** The drafts a task works on, for an error message. */
function taskFiles(task: Task): string {
  return task.kind === 'pages' ? task.items.map((item) => item.file).join(', ') : task.file;
}

function threadPool(setup: WorkerSetup, size: number): Pool {
  const queue: Pending[] = [];
  const running = new Map<number, Pending>();
  let nextId = 0;
  let given = 0;
  // Threads start on the first task: a build that finds everything cached starts none.
  let workers: { worker: Worker; busy: number }[] = [];
  const start = () => Array.from({ length: size }, () => {
    // V8's default heap limits: an issue's data dies young in them (README, Speed).
    const worker = new Worker(WORKER_FILE, { workerData: { cmrWorker: setup } });
    const state = { worker, busy: 0 };
    worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
      const pending = running.get(id)!;
      running.delete(id);
      state.busy--;
      if (error === undefined) pending.resolve(result);
      else pending.reject(new Error(`while working on ${taskFiles(pending.task)}: ${error}`));
      dispatch();
    });
    worker.on('error', (error) => {
      for (const pending of [...running.values(), ...queue.splice(0)]) pending.reject(error);
      running.clear();
    });
    return state;
  });

  function dispatch(): void {
    if (workers.length === 0) workers = start();
    for (const state of workers) {
      while (state.busy < IN_FLIGHT_PER_THREAD && queue.length > 0) {
        const pending = queue.shift()!;
        const id = nextId++;
        running.set(id, pending);
        state.busy++;
        state.worker.postMessage({ id, task: pending.task });
      }
    }
  }

  return {
    run<T extends Task>(task: T): Promise<TaskResult<T>> {
      return new Promise((resolve, reject) => {
        queue.push({ task, resolve: resolve as (value: unknown) => void, reject });
        dispatch();
      });
    },
    giveBack(buffers) {
      if (workers.length > 0) workers[given++ % workers.length]!.worker.postMessage({ given: buffers.length }, buffers);
    },
    async close() {
      await Promise.all(workers.map((state) => state.worker.terminate()));
    },
  };
}
