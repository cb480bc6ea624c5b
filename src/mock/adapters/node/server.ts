import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Limits for a sandbox shared by many clients: a slow client cannot hold a connection open for
 * long, whether it trickles its headers (slowloris), its body, or idles on keep-alive.
 */
export interface ServerLimits {
  /** the whole head of a request must arrive within this */
  headersTimeoutMs: number;
  /** the whole request, body included */
  requestTimeoutMs: number;
  /** an idle keep-alive connection is closed after this */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 };

/** An answer written straight to a socket Node's HTTP parser refused, in the API's JSON shape. */
function rawAnswer(socket: Socket, status: number, reason: string, detail: string): void {
  const body = JSON.stringify({ detail });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** An answer before the app sees the request (a refusal in the API's shape, or the state of a start); the connection closes after it. */
export function answer(res: ServerResponse, status: number, detail: string | object, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(typeof detail === 'string' ? { detail } : detail);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close', ...headers });
  res.end(body);
}

function refuseClient(err: Error & { code?: string; rawPacket?: Buffer }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return rawAnswer(socket, 431, 'Request Header Fields Too Large', 'Request line and headers too large (limit 16 KB)');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return rawAnswer(socket, 408, 'Request Timeout', 'The request did not arrive in time');
    case 'HPE_INVALID_METHOD': {
      // a request line with a method Node does not even parse (FOO) is one this server implements
      // for no resource: 501 (RFC 9110 §15.6.2), as the engine answers TRACE; bytes that are no request line, a 400
      const method = /^([A-Z][A-Z0-9_-]{0,31}) \S+ HTTP\/1\.[01]\r?\n/.exec(err.rawPacket?.toString('latin1') ?? '')?.[1];
      if (method) return rawAnswer(socket, 501, 'Not Implemented', `Method ${method} is not implemented by this server`);
      return rawAnswer(socket, 400, 'Bad Request', 'Malformed HTTP request: not a request line');
    }
    default:
      return rawAnswer(socket, 400, 'Bad Request', `Malformed HTTP request (${err.code ?? err.message})`);
  }
}

/** A Node HTTP server for the mock: sandbox timeouts, and JSON answers even to what Node's parser refuses. */
export function createMockServer(listener: RequestListener, limits: ServerLimits = DEFAULT_LIMITS): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // how often the timeouts above are checked (30 s by default: a slow client got that much more)
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
      // Node's own refusal of an HTTP/1.1 request without Host is an empty 400: answered below instead
      requireHostHeader: false,
    },
    (req, res) => {
      // RFC 9112 §3.2: a server must answer 400 to an HTTP/1.1 request that lacks Host
      if (req.headers.host === undefined && req.httpVersion === '1.1') return answer(res, 400, 'HTTP/1.1 requires a Host header');
      listener(req, res);
    },
  );
  server.on('clientError', refuseClient);
  // CONNECT is handed to this event instead of the request listener (without one Node drops the
  // socket); no resource here is a tunnel
  server.on('connect', (_req, socket: Socket) => rawAnswer(socket, 501, 'Not Implemented', 'Method CONNECT is not implemented by this server'));
  return server;
}

/** Listens, resolving with the bound address or rejecting with the reason (port in use, address not available). */
export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Stops accepting, lets requests in flight finish and closes connections as they go idle; past the
 * deadline whatever is left is cut. Resolves once the server is closed.
 */
export function drain(server: Server, deadlineMs: number): Promise<void> {
  return new Promise((resolve) => {
    const closed = new Promise<void>((done) => server.close(() => done()));
    server.closeIdleConnections();
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const deadline = setTimeout(() => server.closeAllConnections(), deadlineMs);
    void closed.then(() => {
      clearInterval(idle);
      clearTimeout(deadline);
      resolve();
    });
  });
}
