import { readFileSync } from 'node:fs';

/** What a bare server (bench/bare-*.ts) answers: for a method and a path (`:id` for one segment), a status and a body. */
export interface Fixture {
  method: 'get' | 'post';
  path: string;
  status: number;
  body: unknown;
}

/** A bare server's arguments: the fixtures file and the port. */
export function bareArguments(): { fixtures: Fixture[]; port: number } {
  const [file, port] = process.argv.slice(2);
  return { fixtures: JSON.parse(readFileSync(file!, 'utf8')) as Fixture[], port: Number(port) };
}
