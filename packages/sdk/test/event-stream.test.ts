import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, serverSentEvents, UnauthorizedError, ServerError, NetworkError, type OperationEvent, type ServerSentEvent } from '../src/index.js';

const encoder = new TextEncoder();

/** A body delivering exactly these chunks (strings or bytes), then ending. */
function body(chunks: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function parse(chunks: Array<string | Uint8Array>): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of serverSentEvents(body(chunks))) events.push(event);
  return events;
}

describe('server-sent event parser', () => {
  it('joins multi-line data with newlines and names events', async () => {
    assert.deepEqual(await parse(['event: change\ndata: {"a":\ndata: 1}\nid: 7\n\n']), [{ event: 'change', data: '{"a":\n1}', id: '7' }]);
  });

  it('skips comments, ignores retry and unknown fields, and defaults the name to message', async () => {
    assert.deepEqual(await parse([': keep-alive\n\n:another\nretry: 3000\nfoo: bar\ndata: x\n\n']), [{ event: 'message', data: 'x', id: '' }]);
  });

  it('accepts CRLF, CR and LF line endings, also mixed', async () => {
    const events = await parse(['data: a\r\n\r\ndata: b\r\rdata: c\n\n']);
    assert.deepEqual(events.map((e) => e.data), ['a', 'b', 'c']);
  });

  it('reassembles lines, CRLFs and UTF-8 characters split across chunks', async () => {
    const euro = encoder.encode('€'); // three bytes, split in two chunks
    const events = await parse(['da', 'ta: one\r', '\n\r', '\nid: 4', '2\nevent: chan', 'ge\ndata: ', euro.slice(0, 1), euro.slice(1), '\n', '\n']);
    assert.deepEqual(events, [
      { event: 'message', data: 'one', id: '' },
      { event: 'change', data: '€', id: '42' },
    ]);
  });

  it('keeps the last id for later events, takes one space after the colon only, and reads a bare field name', async () => {
    const events = await parse(['id: 1\ndata:  two spaces\n\ndata\n\nid\ndata:x\n\n']);
    assert.deepEqual(events, [
      { event: 'message', data: ' two spaces', id: '1' },
      { event: 'message', data: '', id: '1' },
      { event: 'message', data: 'x', id: '' },
    ]);
  });

  it('dispatches nothing for an event without data, and drops an event the stream ends in', async () => {
    assert.deepEqual(await parse(['event: change\nid: 3\n\ndata: unfinished\n']), []);
    assert.deepEqual(await parse(['id: 3\n\ndata: after\n\n']), [{ event: 'message', data: 'after', id: '3' }]);
  });

  it('drops a leading byte order mark and ignores an id containing NUL', async () => {
    assert.deepEqual(await parse(['\uFEFFdata: a\nid: 1\0\n\n']), [{ event: 'message', data: 'a', id: '' }]);
  });
});

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe('client.changes.stream', () => {
  let server: Server;
  let url: string;
  let handler: Handler = (_req, res) => res.writeHead(500).end();
  const requests: IncomingMessage[] = [];
  before(async () => {
    server = createServer((req, res) => {
      requests.push(req);
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  const change = { kind: 'Customer', id: '0b5f7a52-3c1e-4d59-9a57-6f1f2f0e9a11', change: 'updated', etag: '"v2"', at: '2026-11-27T16:40:00.000Z' };
  const sse = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/event-stream' });

  it('sends the token, Accept and Last-Event-ID, and yields typed events until the server closes', async () => {
    requests.length = 0;
    handler = (_req, res) => {
      sse(res).write(': keep-alive\n\n');
      res.write(`id: 11\nevent: change\ndata: ${JSON.stringify(change)}\n\n`);
      res.write('event: future-thing\ndata: {}\n\n'); // an event name the spec does not list is skipped
      res.end('id: 12\nevent: reset\ndata: {}\n\n');
    };
    const client = createClient({ baseUrl: url, auth: 'token-1' });
    const events: Array<OperationEvent<'streamChanges'>> = [];
    for await (const event of client.changes.stream({ lastEventId: '10' })) events.push(event);
    assert.deepEqual(events, [
      { type: 'change', id: '11', data: change },
      { type: 'reset', id: '12', data: {} },
    ]);
    const [request] = requests;
    assert.equal(request?.url, '/v1/changes');
    assert.equal(request?.headers.authorization, 'Bearer token-1');
    assert.equal(request?.headers['last-event-id'], '10');
    assert.match(String(request?.headers.accept), /^text\/event-stream/);
  });

  it('ends quietly when the signal aborts, and closes the connection', async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    handler = (req, res) => {
      req.on('close', closed);
      sse(res).write(`id: 1\nevent: change\ndata: ${JSON.stringify(change)}\n\n`); // then nothing, ever
    };
    const controller = new AbortController();
    const events = [];
    for await (const event of createClient({ baseUrl: url, auth: 't' }).changes.stream({ signal: controller.signal })) {
      events.push(event);
      setTimeout(() => controller.abort(), 10);
    }
    assert.equal(events.length, 1);
    await connectionClosed;
  });

  it('ends when the signal aborts even if the request lost the signal (Node 20 may collect the one ky combines)', { timeout: 10_000 }, async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    handler = (req, res) => {
      req.on('close', closed);
      sse(res).write(`id: 1\nevent: change\ndata: ${JSON.stringify(change)}\n\n`);
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 20); // a quiet stream never ends by itself
      req.on('close', () => clearInterval(keepAlive));
    };
    // A transport that drops the signal: an abort reaches the stream only through its own listener.
    const fetchWithoutSignal = (request: Request) => fetch(request.url, { method: request.method, headers: request.headers });
    const controller = new AbortController();
    const events = [];
    for await (const event of createClient({ baseUrl: url, auth: 't', fetch: fetchWithoutSignal }).changes.stream({ signal: controller.signal })) {
      events.push(event);
      setTimeout(() => controller.abort(), 10);
    }
    assert.equal(events.length, 1);
    await connectionClosed;
  });

  it('closes the connection when the consumer stops early', async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    handler = (req, res) => {
      req.on('close', closed);
      sse(res).write(`id: 1\nevent: change\ndata: ${JSON.stringify(change)}\n\n`);
    };
    for await (const event of createClient({ baseUrl: url, auth: 't' }).changes.stream()) {
      assert.equal(event.type, 'change');
      break;
    }
    await connectionClosed;
  });

  it('throws UnauthorizedError for a 401 (after asking the provider once more) and ServerError for a 5xx', async () => {
    requests.length = 0;
    const problem = (status: number, code: string) =>
      JSON.stringify({ type: `https://fco-admin.dev/problems/${code}`, title: code, status, code, requestId: 'req_1' });
    handler = (_req, res) => res.writeHead(401, { 'content-type': 'application/problem+json' }).end(problem(401, 'unauthenticated'));
    let asked = 0;
    const auth = async () => `t${++asked}`;
    const iterate = async (options: Parameters<typeof createClient>[0]) => {
      for await (const _ of createClient(options).changes.stream()) assert.fail('no event expected');
    };
    await assert.rejects(iterate({ baseUrl: url, auth }), (error) => error instanceof UnauthorizedError && error.code === 'unauthenticated');
    assert.equal(asked, 2);
    assert.equal(requests.length, 2);
    handler = (_req, res) => res.writeHead(503, { 'content-type': 'application/problem+json' }).end(problem(503, 'unavailable'));
    await assert.rejects(iterate({ baseUrl: url, auth: 't', retry: false }), ServerError);
  });

  it('fails with NetworkError on data that is not JSON', async () => {
    handler = (_req, res) => sse(res).end('event: change\ndata: {not json\n\n');
    const iterate = async () => {
      for await (const _ of createClient({ baseUrl: url, auth: 't' }).changes.stream()) assert.fail('no event expected');
    };
    await assert.rejects(iterate(), NetworkError);
  });
});
