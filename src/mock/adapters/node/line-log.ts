import { createRequire } from 'node:module';
import type { SonicBoom as SonicBoomClass } from 'sonic-boom';

// a CommonJS module whose types describe an ES default: require gives the class itself
const SonicBoom = createRequire(import.meta.url)('sonic-boom') as typeof SonicBoomClass;

/** Lines are handed to the writer in batches of about this many characters. */
const BATCH_CHARS = 8 * 1024;
/** Light traffic still shows within this. */
const FLUSH_MS = 250;

export interface LineLog {
  /** one line, without its newline */
  write(line: string): void;
}

/**
 * The request log on a file descriptor (stdout), written in batches: a synchronous write per
 * request costs a busy mock ~7% of its throughput, and even handing each line to the writer costs
 * about 2 µs (it measures the bytes of its pending text at every call), so lines are joined here
 * first. When nobody reads the descriptor (a stuck log pipe), lines beyond 4 MiB are dropped rather
 * than held, and the last flush at exit gives up after half a second instead of waiting forever.
 */
export function lineLog(fd: number): LineLog {
  let giveUpAt = Infinity;
  const out = new SonicBoom({ fd, minLength: BATCH_CHARS, maxLength: 4 * 2 ** 20, retryEAGAIN: () => Date.now() < giveUpAt });
  out.on('error', () => undefined);
  let lines: string[] = [];
  let chars = 0;
  const hand = () => {
    if (lines.length === 0) return;
    out.write(lines.join(''));
    lines = [];
    chars = 0;
  };
  setInterval(() => {
    hand();
    out.flush();
  }, FLUSH_MS).unref();
  process.on('exit', () => {
    giveUpAt = Date.now() + 500;
    try {
      hand();
      out.flushSync();
    } catch {
      // the lines that could not be written are lost; the exit is not
    }
  });
  return {
    write(line) {
      lines.push(line, '\n');
      chars += line.length + 1;
      if (chars >= BATCH_CHARS) hand();
    },
  };
}
