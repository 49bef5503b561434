import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadPreviewPages, ASSETS } from './pages.js';
import { PreviewProject } from './project.js';
import { OUTPUTS, route } from './routes.js';
import { watchProject, type Change } from './watch.js';

export interface PreviewOptions {
  root: string;
  host: string;
  port: number;
  /** Told about each rebuild, for `--verbose`. */
  onRebuild?: (what: string, milliseconds: number) => void;
  /** Told when a rebuild fails unexpectedly; the server keeps serving the last renders. */
  onError?: (error: unknown) => void;
}

export interface PreviewServer {
  url: string;
  project: PreviewProject;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
/** Rendered drafts may style themselves and show images, but never run script. */
const OUTPUT_POLICY = "default-src 'none'; img-src * data:; style-src 'unsafe-inline'; font-src *; frame-ancestors 'self'";
const PAGE_POLICY = "default-src 'self'; img-src 'self' data:; frame-src 'self'; frame-ancestors 'none'";

/** Starts the preview: renders every draft, serves them, and rebuilds what changes on disk. */
export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const project = new PreviewProject(options.root);
  await project.loadAll();
  let pages = await loadPreviewPages();
  const listeners = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    try {
      answer(request, response);
    } catch (error) {
      send(response, 500, 'text/plain; charset=utf-8', `cmr preview: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  });

  function answer(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    if (LOOPBACK.has(options.host) && !LOOPBACK.has(hostName(request.headers.host))) {
      // A page elsewhere that points its own host name at 127.0.0.1 must not read the preview.
      return send(response, 403, 'text/plain; charset=utf-8', 'forbidden host\n');
    }
    const target = route(request.url ?? '/');
    switch (target.kind) {
      case 'refused':
        return send(response, target.status, 'text/plain; charset=utf-8', `${target.reason}\n`);
      case 'missing':
        return send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
      case 'index':
        return send(response, 200, 'text/html; charset=utf-8', pages.index(project), PAGE_POLICY);
      case 'asset':
        return send(response, 200, ASSETS[target.path].type, pages.asset(target.path));
      case 'events':
        return subscribe(response);
    }
    const state = project.drafts.get(target.id);
    if (!state) return send(response, 404, 'text/plain; charset=utf-8', 'no such draft\n');
    if (target.kind === 'draft') return send(response, 200, 'text/html; charset=utf-8', pages.draft(project, state), PAGE_POLICY);
    const output = OUTPUTS[target.output];
    const content = state.files?.[output.file];
    if (content === undefined) return send(response, 404, 'text/plain; charset=utf-8', 'this draft has not rendered yet\n');
    send(response, 200, output.type, content, OUTPUT_POLICY);
  }

  function subscribe(response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write('retry: 500\n\n');
    listeners.add(response);
    response.on('close', () => listeners.delete(response));
  }

  function announce(draft: string): void {
    for (const listener of listeners) listener.write(`event: change\ndata: ${JSON.stringify({ draft })}\n\n`);
  }

  // Rebuilds run one after another, so a burst of saves never interleaves two renders.
  let queue = Promise.resolve();
  const watcher = watchProject(options.root, project.templatesDir, (change) => {
    queue = queue.then(() => rebuild(change)).catch((error: unknown) => options.onError?.(error));
  });

  async function rebuild(change: Change): Promise<void> {
    const started = performance.now();
    if (change.kind === 'draft') {
      const changed = await project.refreshDraft(change.file);
      options.onRebuild?.(change.file, performance.now() - started);
      for (const id of changed) announce(id);
      return;
    }
    if (change.kind === 'config') await project.refreshConfig();
    else {
      await project.refreshTemplates();
      pages = await loadPreviewPages().catch(() => pages);
    }
    options.onRebuild?.(change.kind === 'config' ? 'cmr.config.yaml' : 'templates', performance.now() - started);
    announce('*');
  }

  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(options.port, options.host, () => {
      server.off('error', failed);
      listening();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    project,
    async close() {
      watcher.close();
      for (const listener of listeners) listener.end();
      server.closeAllConnections();
      await new Promise((closed) => server.close(closed));
    },
  };
}

function hostName(header: string | undefined): string {
  if (!header) return '';
  return header.startsWith('[') ? header.slice(0, header.indexOf(']') + 1) : header.split(':')[0]!;
}

function send(response: ServerResponse, status: number, type: string, body: string, policy?: string): void {
  const headers: Record<string, string> = {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-length': String(Buffer.byteLength(body)),
  };
  if (policy) headers['content-security-policy'] = policy;
  response.writeHead(status, headers);
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
