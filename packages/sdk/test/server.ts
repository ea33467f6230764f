// A scripted HTTP server on 127.0.0.1:0 for the client tests: each test sets how it answers and reads what it got.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  /** Milliseconds to wait before answering. */
  delay?: number;
}

export type Handler = (request: RecordedRequest, index: number) => Answer | Promise<Answer>;

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  let handler: Handler = () => ({ status: 500, text: 'no handler' });
  const requests: RecordedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const request = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      const answer = await handler(request, requests.length - 1);
      if (answer.delay) await new Promise((r) => setTimeout(r, answer.delay));
      if (res.destroyed) return;
      const headers: Record<string, string> = { ...answer.headers };
      let body = answer.text ?? '';
      if (answer.json !== undefined) {
        body = JSON.stringify(answer.json);
        headers['content-type'] ??= 'application/json';
      }
      res.writeHead(answer.status ?? 200, headers).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      handler = next;
      requests.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const problem = (status: number, code: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}): Answer => ({
  status,
  headers: { 'content-type': 'application/problem+json', ...headers },
  json: { type: `https://fco-admin.dev/problems/${code}`, title: `Problem ${code}`, status, code, requestId: 'req_test', ...body },
});
