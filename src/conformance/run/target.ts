import { NetworkFailure, type HttpClient, type Answer } from '../http/client.js';

/** The run cannot start: usage is fine but the target is not one to check (exit 2, one line). */
export class TargetError extends Error {}

const JSON_TYPE = /^application\/(.+\+)?json\b/;

function looksLikeTheApi(res: Answer): boolean {
  return res.status !== 404 && JSON_TYPE.test(res.headers.get('content-type') ?? '') && typeof res.body === 'object' && res.body !== null;
}

function describe(client: HttpClient, path: string, res: Answer): string {
  const type = res.headers.get('content-type') ?? 'no content type';
  const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? '');
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 60);
  return `GET ${client.url(path)} answered ${res.status} (${type})${snippet ? ` ${JSON.stringify(snippet)}` : ''}`;
}

/**
 * Before any check: can the target be reached, is it AllSign v2 at all (a wrong base URL answers
 * 404 or HTML everywhere, and would otherwise fail every check), and does it take the key?
 */
export async function probeTarget(client: HttpClient, which: string): Promise<void> {
  const paths = ['/v2/contacts?pageSize=1', '/v2/contacts/autocomplete?q=zz'];
  const answers: Answer[] = [];
  for (const path of paths) {
    try {
      answers.push(await client.get(path));
    } catch (error) {
      if (error instanceof NetworkFailure) throw new TargetError(`cannot reach ${client.options.baseUrl}: ${error.message.replace(/^GET \S+: /, '')}`);
      throw error;
    }
    if (looksLikeTheApi(answers.at(-1)!)) break;
  }
  const last = answers.at(-1)!;
  if (!answers.some(looksLikeTheApi)) {
    throw new TargetError(
      `this does not look like an AllSign v2 API: ${describe(client, paths[0]!, answers[0]!)}; is --base-url right, path included (e.g. https://host/api)?`,
    );
  }
  if (last.status === 401 || last.status === 403) throw new TargetError(`${which} was rejected by ${client.options.baseUrl} (${last.status})`);
}
