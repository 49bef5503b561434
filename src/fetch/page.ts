import { VERSION } from '../version.js';
import { pageMeta, type PageMeta } from './meta.js';

/** A page that could not be fetched or read, with the reason in words. */
export class FetchError extends Error {}

export interface FetchOptions {
  timeoutMs: number;
  /** Only the first bytes are read: metadata sits in the head, and a page may be huge. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

/** Fetches `url` and reads its title and publication date. */
export async function fetchPageMeta(url: string, options: FetchOptions): Promise<PageMeta> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'follow',
      headers: { accept: 'text/html,application/xhtml+xml', 'user-agent': `cmr/${VERSION} (Critical Minerals Report link collector)` },
    });
  } catch (error) {
    throw new FetchError(reasonOf(error, options.timeoutMs));
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new FetchError(`the server answered ${response.status} ${response.statusText}`.trimEnd());
  }
  const type = response.headers.get('content-type') ?? '';
  if (!/html/i.test(type)) {
    await response.body?.cancel();
    throw new FetchError(`it is not a web page (content type ${type || 'unknown'})`);
  }
  try {
    return pageMeta(decode(await readAtMost(response, options.maxBytes ?? DEFAULT_MAX_BYTES), type));
  } catch (error) {
    throw new FetchError(reasonOf(error, options.timeoutMs));
  }
}

async function readAtMost(response: Response, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body!.getReader();
  while (size < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel();
  return Buffer.concat(chunks).subarray(0, maxBytes);
}

function decode(bytes: Uint8Array, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ''}`;
  return error instanceof Error ? error.message : String(error);
}
