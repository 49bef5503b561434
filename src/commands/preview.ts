import { spawn } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { draftHref } from '../preview/pages.js';
import { startPreview, type PreviewServer } from '../preview/server.js';
import { detail, note, type Io } from './io.js';

export interface PreviewOptions {
  root: string;
  host: string;
  port: string;
  open: boolean;
}

const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];

/** `cmr preview`: serves the drafts until Ctrl-C (SIGINT) or SIGTERM, then exits 0. */
export async function runPreview(draft: string | undefined, options: PreviewOptions, io: Io): Promise<number> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number from 0 to 65535, got "${options.port}"`);
  const server = await listen(options, port, io);
  const address = draft === undefined ? server.url : pageOf(server, options.root, draft);
  io.out(`preview of ${server.project.drafts.size} ${server.project.drafts.size === 1 ? 'draft' : 'drafts'} at ${address}`);
  note(io, 'it rebuilds when a draft, cmr.config.yaml or a template changes; press Ctrl-C to stop');
  if (!LOOPBACK.includes(options.host)) io.err(`warning: listening on ${options.host}, so other machines can read the drafts`);
  if (options.open) openBrowser(address, io);
  await stopSignal();
  await server.close();
  note(io, 'preview stopped');
  return 0;
}

async function listen(options: PreviewOptions, port: number, io: Io): Promise<PreviewServer> {
  try {
    return await startPreview({
      root: options.root,
      host: options.host,
      port,
      onRebuild: (what, ms) => detail(io, `rebuilt ${what} in ${Math.round(ms)} ms`),
      onError: (error) => io.err(`cmr preview: could not rebuild: ${error instanceof Error ? error.message : String(error)}`),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${port} is in use on ${options.host}; choose another with --port`);
    if (code === 'EACCES') throw new UsageError(`not allowed to listen on port ${port}; choose one above 1023 with --port`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`cannot listen on host ${options.host}: no such address here`);
    throw error;
  }
}

function pageOf(server: PreviewServer, root: string, draft: string): string {
  const id = relative(root, resolve(root, draft)).replace(/\.md$/, '');
  if (!server.project.drafts.has(id)) {
    void server.close();
    throw new UsageError(`no draft ${draft} in digests/ to preview`);
  }
  return new URL(draftHref(id), server.url).href;
}

function stopSignal(): Promise<void> {
  return new Promise((stop) => {
    const signals = ['SIGINT', 'SIGTERM'] as const;
    const handler = () => {
      for (const signal of signals) process.off(signal, handler);
      stop();
    };
    for (const signal of signals) process.on(signal, handler);
  });
}

/** Opens the page in the desktop's browser; a machine without one just keeps the printed URL. */
function openBrowser(url: string, io: Io): void {
  const [command, ...args] =
    process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '""', url] : ['xdg-open', url];
  const child = spawn(command!, args, { stdio: 'ignore', detached: true });
  child.on('error', () => io.err(`could not open a browser; open ${url} yourself`));
  child.unref();
}
