import express, { type Router } from 'express';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractDocument } from '../../../contract/index.js';

const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
/** the contract as written; the same relative position holds from src/ and from dist/ */
const CONTRACT_YAML = fileURLToPath(new URL('../../../../openapi/allsign-v2.yaml', import.meta.url));

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>AllSign API v2 — mock reference</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', persistAuthorization: true });
  </script>
</body>
</html>`;

/** The contract (YAML and JSON) and an API reference page served from the package, no CDN. */
export function docsRouter(): Router {
  const router = express.Router();
  const text = readFileSync(CONTRACT_YAML, 'utf8');
  const json = JSON.stringify(contractDocument());
  router.get('/openapi.yaml', (_req, res) => void res.type('application/yaml').send(text));
  router.get('/openapi.json', (_req, res) => void res.type('application/json').send(json));
  router.get(['/docs', '/docs/'], (_req, res) => void res.type('html').send(PAGE));
  router.use('/docs', express.static(SWAGGER_UI_DIR, { index: false }));
  return router;
}
