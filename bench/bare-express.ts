// The framework's ceiling: Express answering, for the same routes, the same JSON the mock gave,
// with nothing in between (no auth, no validation, no store). Run as its own process.
import express from 'express';
import { bareArguments } from './fixtures.js';

const { fixtures, port } = bareArguments();
const app = express();
app.disable('x-powered-by');
app.use(express.json());
for (const f of fixtures) app[f.method](f.path, (_req, res) => void res.status(f.status).json(f.body));
app.get('/__admin/health', (_req, res) => void res.json({ status: 'ok' }));
app.listen(port, '127.0.0.1');
