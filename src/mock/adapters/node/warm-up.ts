// Imported first by the bin: with --data (or ALLSIGN_MOCK_DATA) the embedded database's engine
// starts compiling now, while the rest of the program loads (see pglite-warm.ts).
import { pgliteAssets } from '../../stores/sql/pglite-warm.js';

if (process.argv.includes('--data') || process.argv.some((a) => a.startsWith('--data=')) || process.env.ALLSIGN_MOCK_DATA) {
  // a failure here shows again, with its context, when the store opens
  pgliteAssets().catch(() => {});
}
