// A local OpenAI-compatible chat-completions server (node:http on 127.0.0.1:0) for tests.
// POST /v1/chat/completions answers according to the current mode and records every request.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeOpenAiMode =
  | { kind: 'answer'; content: string }
  | { kind: 'status'; status: number }
  | { kind: 'hang' }
  | { kind: 'garbage' }
  | { kind: 'no-choices' };

export interface RecordedChatRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface FakeOpenAi {
  /** Base URL including /v1, as OPENAI_BASE_URL would be. */
  baseUrl: string;
  requests: RecordedChatRequest[];
  setMode(mode: FakeOpenAiMode): void;
  close(): Promise<void>;
}

export async function startFakeOpenAi(initial: FakeOpenAiMode = { kind: 'answer', content: 'A summary.' }): Promise<FakeOpenAi> {
  let mode = initial;
  const requests: RecordedChatRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // Recorded as text: the test looks at what arrived.
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      switch (mode.kind) {
        case 'hang':
          return; // never answers; close() drops the connection
        case 'status':
          res.writeHead(mode.status, { 'content-type': 'application/json' }).end('{"error":{"message":"server error"}}');
          return;
        case 'garbage':
          res.writeHead(200, { 'content-type': 'application/json' }).end('<html>502 Bad Gateway</html>{');
          return;
        case 'no-choices':
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"x","object":"chat.completion"}');
          return;
        case 'answer': {
          const model = (body as { model?: string }).model ?? 'fake';
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              id: `chatcmpl-${requests.length}`,
              object: 'chat.completion',
              created: Math.floor(Date.now() / 1000),
              model,
              choices: [{ index: 0, message: { role: 'assistant', content: mode.content }, finish_reason: 'stop' }],
              usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
            }),
          );
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    setMode(next) {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
