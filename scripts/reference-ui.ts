// `npm run build`: copies the API reference page's viewer (Swagger UI's bundle and stylesheet, with
// its license and notice) from the swagger-ui-dist devDependency into dist/reference-ui, where the
// mock serves it from (src/mock/adapters/docs/reference-assets.ts). The published package then
// carries the files and depends on nothing for them.
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BUILT_REFERENCE_UI, REFERENCE_UI_FILES, REFERENCE_UI_NOTICES } from '../src/mock/adapters/docs/reference-assets.js';

const source = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const { version } = createRequire(import.meta.url)('swagger-ui-dist/package.json') as { version: string };
mkdirSync(BUILT_REFERENCE_UI, { recursive: true });
let bytes = 0;
for (const file of [...REFERENCE_UI_FILES, ...REFERENCE_UI_NOTICES]) {
  copyFileSync(join(source, file), join(BUILT_REFERENCE_UI, file));
  if ((REFERENCE_UI_FILES as readonly string[]).includes(file)) bytes += statSync(join(source, file)).size;
}
console.log(`API reference viewer: Swagger UI ${version}, ${(bytes / 1024).toFixed(0)} KB (${REFERENCE_UI_FILES.join(', ')}) copied to dist/reference-ui`);
