import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The API reference page's viewer: Swagger UI's browser bundle and stylesheet. `npm run build`
// copies them (with their license) from the swagger-ui-dist devDependency into dist/reference-ui,
// so the published package serves them with no dependency of its own: swagger-ui-dist depends on
// @scarf/scarf, whose install script reports every install (ARCHITECTURE.md, the API reference).

/** the files the page loads, and what the build copies beside them */
export const REFERENCE_UI_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css'] as const;
export const REFERENCE_UI_NOTICES = ['LICENSE', 'NOTICE'] as const;
export type ReferenceUiFile = (typeof REFERENCE_UI_FILES)[number];

/** dist/reference-ui, the same relative position from src/ and from dist/ */
export const BUILT_REFERENCE_UI = fileURLToPath(new URL('../../../../dist/reference-ui/', import.meta.url));

/** Where the viewer's files are: the build's copy, or the devDependency when running from the sources. */
export function referenceUiDir(): string {
  if (REFERENCE_UI_FILES.every((file) => existsSync(join(BUILT_REFERENCE_UI, file)))) return BUILT_REFERENCE_UI;
  try {
    return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  } catch {
    throw new Error(`The API reference's files are missing: neither ${BUILT_REFERENCE_UI} (npm run build makes it) nor swagger-ui-dist (a devDependency) is there`);
  }
}
