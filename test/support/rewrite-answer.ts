import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * Rewrites the text answer an inner app sends (its status and body), for the variants of the mock
 * the conformance tests run against. The inner app writes its head (status, length) before its
 * body: the head is held back until the body is rewritten, then goes out with the new status and
 * length.
 */
export function rewriteAnswer(res: ServerResponse, to: (status: number, body: string) => [number, string]): void {
  const writeHead = res.writeHead;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    res.statusCode = status;
    const headers = rest.find((x): x is OutgoingHttpHeaders => typeof x === 'object' && x !== null && !Array.isArray(x));
    for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) res.setHeader(name, value);
    return res;
  }) as ServerResponse['writeHead'];
  const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
  res.end = ((chunk?: unknown) => {
    // Node writes the held-back head through writeHead itself (its implicit head)
    res.writeHead = writeHead;
    if (typeof chunk !== 'string' || chunk === '') return end(chunk);
    const [status, body] = to(res.statusCode, chunk);
    res.statusCode = status;
    res.setHeader('Content-Length', Buffer.byteLength(body));
    return end(body);
  }) as ServerResponse['end'];
}
