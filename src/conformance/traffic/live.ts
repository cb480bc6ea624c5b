import type { Tally } from '../proxy/remote-book.js';

/**
 * One summary line while traffic flows: rewritten in place on a terminal every second, printed
 * anew every ten seconds (when it changed) on a pipe or a CI log.
 */
export function liveLine(tally: () => Promise<Tally & { notJudged: number }>, out: NodeJS.WriteStream): { stop(): void } {
  const tty = Boolean(out.isTTY);
  let last = '';
  const line = async () => {
    const t = await tally();
    return `${t.exchanges} exchanges, findings: ${t.documented} documented, ${t.inferred} inferred, ${t.gap} gaps; ${t.client} refused client requests; ${t.unanswered} unanswered${t.notJudged ? `; ${t.notJudged} not judged (the validator is behind)` : ''}`;
  };
  const timer = setInterval(
    async () => {
      const text = await line().catch((error: Error) => error.message);
      if (text === last) return;
      last = text;
      out.write(tty ? `\r\x1b[2K${text}` : `${text}\n`);
    },
    tty ? 1_000 : 10_000,
  );
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      if (tty && last) out.write('\n');
    },
  };
}
