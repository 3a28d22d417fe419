// Reading a response body within a byte cap, decoding gzip/br/deflate (also capped, so a
// compression bomb stops at the cap), and turning socket errors into FetchErrors.
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw, type ZlibOptions } from 'node:zlib';
import type { Readable } from 'node:stream';
import { FetchError } from './fetch-error.js';

const gunzipAsync = promisify<Buffer, ZlibOptions, Buffer>(gunzip);
const inflateAsync = promisify<Buffer, ZlibOptions, Buffer>(inflate);
const inflateRawAsync = promisify<Buffer, ZlibOptions, Buffer>(inflateRaw);
const brotliAsync = promisify<Buffer, ZlibOptions, Buffer>(brotliDecompress);

/** Read the (possibly compressed) body, aborting as soon as it passes `maxBytes`. */
export async function readCappedBody(
  body: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
  url: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    total += buf.length;
    if (total > maxBytes) {
      body.on('error', () => undefined);
      body.destroy();
      throw new FetchError({ kind: 'too-large', url, message: `the response is larger than ${maxBytes} bytes` });
    }
    chunks.push(buf);
  }
  let data: Buffer = Buffer.concat(chunks, total);
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  // Codings are listed in the order they were applied: undo them from the last.
  for (const coding of codings.reverse()) data = await decode(coding, data, maxBytes, url);
  return data;
}

async function decode(coding: string, data: Buffer, maxBytes: number, url: string): Promise<Buffer> {
  const opts: ZlibOptions = { maxOutputLength: maxBytes };
  try {
    if (coding === 'gzip' || coding === 'x-gzip') return await gunzipAsync(data, opts);
    if (coding === 'br') return await brotliAsync(data, opts);
    if (coding === 'deflate') {
      // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
      const zlibWrapped = data.length > 1 && (data[0] ?? 0) % 16 === 8 && (((data[0] ?? 0) << 8) | (data[1] ?? 0)) % 31 === 0;
      return zlibWrapped ? await inflateAsync(data, opts) : await inflateRawAsync(data, opts);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new FetchError({ kind: 'too-large', url, message: `the decompressed response is larger than ${maxBytes} bytes` });
    }
    throw new FetchError({
      kind: 'network',
      url,
      transient: false,
      message: `the ${coding}-compressed response could not be decompressed`,
      cause: err,
    });
  }
  throw new FetchError({ kind: 'network', url, transient: false, message: `unsupported content encoding: ${coding}` });
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL']);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);
const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT|UNABLE_TO_)/;

function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 6 && e; i += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    if (e instanceof AggregateError && e.errors.length > 0) e = e.errors[0];
    else e = (e as { cause?: unknown }).cause;
  }
  return (err as { code?: string }).code;
}

/** Classify an error thrown by the socket / undici into a FetchError. */
export function classifyNetworkError(err: unknown, url: string): FetchError {
  const code = errorCode(err) ?? '';
  const message = err instanceof Error ? err.message : String(err);
  if (DNS_CODES.has(code)) {
    return new FetchError({
      kind: 'dns',
      url,
      transient: code === 'EAI_AGAIN',
      message: `the host name could not be resolved (${code})`,
      cause: err,
    });
  }
  if (TIMEOUT_CODES.has(code)) {
    return new FetchError({ kind: 'timeout', url, message: `timed out (${code})`, cause: err });
  }
  if (TLS_CODE.test(code)) {
    return new FetchError({ kind: 'network', url, transient: false, message: `TLS problem: ${message}`, cause: err });
  }
  return new FetchError({ kind: 'network', url, message: code ? `${message} (${code})` : message, cause: err });
}
