// The floor of the machine: node:http answering, for the same routes, the same JSON the mock gave,
// serialised with JSON.stringify on every request, and nothing else (no auth, no validation, no
// store, no log). Run as its own process: fixtures file and port as arguments.
import { createServer } from 'node:http';
import { bareArguments } from './fixtures.js';

const { fixtures, port } = bareArguments();
// a route is its path with :params matching one segment
const routes = fixtures.map((f) => ({ ...f, method: f.method.toUpperCase(), pattern: new RegExp(`^${f.path.replace(/:[^/]+/g, '[^/]+')}$`) }));

createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0]!;
  const route = path === '/__admin/ready' ? { status: 200, body: { status: 'ready' } } : routes.find((r) => r.method === req.method && r.pattern.test(path));
  // a body is read to its end before answering, as any server must
  req.resume();
  req.on('end', () => {
    const text = JSON.stringify(route ? route.body : { detail: 'Not Found' });
    res.writeHead(route ? route.status : 404, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  });
}).listen(port, '127.0.0.1');
