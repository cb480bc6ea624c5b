// The proxy's validator, in its own thread: the thread that forwards bytes never waits on a judgement.
import { parentPort, workerData } from 'node:worker_threads';
import { TrafficBook, type FailOn } from '../traffic/book.js';
import type { Exchange } from '../traffic/exchange.js';
import { nodeRedactor } from '../traffic/node-redactor.js';
import type { JudgeReply, JudgeRequest } from './remote-book.js';

const { source, pii, basePath } = workerData as { source: string; pii: boolean; basePath?: string };
const book = new TrafficBook(source, { basePath });
const redactor = nodeRedactor({ pii });
const port = parentPort!;

port.on('message', (message: JudgeRequest) => {
  const reply = (r: JudgeReply) => port.postMessage(r);
  switch (message.type) {
    case 'add':
      book.add(message.exchange as Exchange);
      return reply({ type: 'added' });
    case 'judge':
      return reply({ type: 'judged', id: message.id, groups: book.add(message.exchange as Exchange) });
    case 'report':
      return reply({ type: 'report', id: message.id, report: book.report(message.failOn as FailOn, redactor) });
    case 'tally':
      return reply({ type: 'tally', id: message.id, tally: book.tally() });
  }
});
