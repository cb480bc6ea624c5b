import type { ExchangeRecord } from '../types.js';
import type { Redaction } from './book.js';
import type { BodyCopy, Exchange, HeaderList } from './exchange.js';

/** A keyed hash, hex: the same input gives the same output (Node's HMAC-SHA256 in the CLI). */
export type Hash = (text: string) => string;

export interface RedactOptions {
  /** also pseudonymize emails, names and phone numbers, consistently */
  pii?: boolean;
}

/** Headers whose whole value is a secret (`Authorization` keeps its scheme, cookies their names). */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-admin-token|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-csrf-token|x-xsrf-token)$/i;
const SECRETISH = /(token|secret|passw(or)?d|api[-_]?key|apikey|session|signature|credential|private[-_]?key)/i;
/** Query parameters and JSON keys that carry secrets. */
const SECRET_NAME = /^(key|sig|auth|code)$|token|secret|passw(or)?d|api[-_]?key|apikey|signature|credential|authorization/i;
const EMAIL_NAME = /e-?mail|invitedby/i;
const NAME_NAME = /^(full_?name|name|first_?name|last_?name|display_?name|contact_?name)$/i;
const PHONE_NAME = /phone|whatsapp|mobile|tel$/i;
const PII_QUERY = /^(email|search|q|name|phone)$/i;

const MAX_KNOWN = 2000;
const PLACEHOLDER = /^redacted-[0-9a-f]{16}$/;
const MIN_SECRET = 8;

/**
 * Replaces secrets (and with `pii`, personal data) by stable placeholders in everything written:
 * the same key gives the same placeholder (`redacted-…`, itself a valid API key), so a recording
 * still replays against fixtures made from it. Values replaced once are also replaced wherever else
 * they appear (a key echoed in a body, an email in a search URL).
 */
export class Redactor implements Redaction {
  private readonly known = new Map<string, string>();

  constructor(
    private readonly hash: Hash,
    private readonly options: RedactOptions = {},
  ) {}

  secret(value: string): string {
    // a placeholder stays itself: a redacted recording redacted again keeps its keys
    if (PLACEHOLDER.test(value)) return value;
    return this.remember(value, `redacted-${this.hash(`secret:${value}`).slice(0, 16)}`);
  }

  email(value: string): string {
    const canonical = value.trim().toLowerCase();
    return this.remember(value, `p${this.hash(`email:${canonical}`).slice(0, 12)}@example.com`);
  }

  name(value: string): string {
    return this.remember(value, `Persona ${this.hash(`name:${value.trim()}`).slice(0, 8)}`);
  }

  phone(value: string): string {
    const digits = this.hash(`phone:${value.replace(/\D/g, '')}`)
      .replace(/[a-f]/g, (c) => String(c.charCodeAt(0) % 10))
      .slice(0, 10);
    return this.remember(value, `+52${digits}`);
  }

  private remember(value: string, placeholder: string): string {
    if (value.length >= MIN_SECRET && this.known.size < MAX_KNOWN) this.known.set(value, placeholder);
    return placeholder;
  }

  /** Known secrets and personal data replaced inside free text. */
  private scrub(text: string): string {
    let out = text;
    for (const [value, placeholder] of this.known) if (out.includes(value)) out = out.split(value).join(placeholder);
    return out;
  }

  header(name: string, value: string): string {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'proxy-authorization') {
      const space = value.indexOf(' ');
      return space > 0 ? `${value.slice(0, space)} ${this.secret(value.slice(space + 1).trim())}` : this.secret(value);
    }
    if (lower === 'cookie') return value.split(/;\s*/).map((pair) => this.cookiePair(pair)).join('; ');
    if (lower === 'set-cookie') {
      const [pair = '', ...attributes] = value.split(/;\s*/);
      return [this.cookiePair(pair), ...attributes].join('; ');
    }
    if (SECRET_HEADER.test(name) || SECRETISH.test(name)) return this.secret(value);
    return this.scrub(value);
  }

  private cookiePair(pair: string): string {
    const eq = pair.indexOf('=');
    return eq < 0 ? this.secret(pair) : `${pair.slice(0, eq)}=${this.secret(pair.slice(eq + 1))}`;
  }

  headers(list: HeaderList): HeaderList {
    return list.map(([name, value]) => [name, this.header(name, value)]);
  }

  /** A URL or a path with its query: user info, secret parameters (and with pii, personal ones) replaced. */
  url(raw: string): string {
    const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw);
    let url: URL;
    try {
      url = new URL(raw, 'http://relative.invalid');
    } catch {
      return this.scrub(raw);
    }
    if (url.username || url.password) {
      url.username = url.username ? this.secret(decodeURIComponent(url.username)) : '';
      url.password = url.password ? this.secret(decodeURIComponent(url.password)) : '';
    }
    const params = [...url.searchParams];
    if (params.length) {
      url.search = new URLSearchParams(params.map(([name, value]): [string, string] => [name, this.queryValue(name, value)])).toString();
    }
    const text = absolute ? url.toString() : `${url.pathname}${url.search}${url.hash}`;
    return this.scrub(text);
  }

  private queryValue(name: string, value: string): string {
    if (SECRET_NAME.test(name)) return this.secret(value);
    if (this.options.pii && PII_QUERY.test(name)) return value.includes('@') ? this.email(value) : this.name(value);
    return value;
  }

  /** A JSON value with secret keys (and with pii, personal fields) replaced; depth bounded. */
  value(value: unknown, key = '', depth = 0): unknown {
    if (depth > 64) return '(redacted: too deep)';
    if (typeof value === 'string') return this.field(key, value);
    if (Array.isArray(value)) return value.map((item) => this.value(item, key, depth + 1));
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: this.value(v, k, depth + 1), enumerable: true, writable: true, configurable: true });
    return out;
  }

  private field(key: string, value: string): string {
    if (SECRET_NAME.test(key)) return this.secret(value);
    if (this.options.pii) {
      if (EMAIL_NAME.test(key) || (key === '' && /^[^\s@]+@[^\s@]+$/.test(value))) return this.email(value);
      if (NAME_NAME.test(key)) return this.name(value);
      if (PHONE_NAME.test(key)) return this.phone(value);
    }
    return this.scrub(value);
  }

  body(copy: BodyCopy | undefined): BodyCopy | undefined {
    if (!copy || copy.encoding === 'base64' || copy.text === '') return copy;
    if (!copy.truncated) {
      try {
        return { ...copy, text: JSON.stringify(this.value(JSON.parse(copy.text))) };
      } catch {
        // not JSON: known values are replaced in the text
      }
    }
    return { ...copy, text: this.scrub(copy.text) };
  }

  exchange(exchange: Exchange): Exchange {
    // the request first: the secrets it carries are then known when the answer echoes them
    const request = { ...exchange.request, url: this.url(exchange.request.url), headers: this.headers(exchange.request.headers), body: this.body(exchange.request.body) };
    const response = exchange.response && { ...exchange.response, headers: this.headers(exchange.response.headers), body: this.body(exchange.response.body) };
    return { ...exchange, request, ...(response ? { response } : {}), ...(exchange.error ? { error: this.scrub(exchange.error) } : {}) };
  }

  record(record: ExchangeRecord): ExchangeRecord {
    return {
      ...record,
      request: { ...record.request, url: this.url(record.request.url), body: this.value(record.request.body) },
      ...(record.response ? { response: { ...record.response, body: this.value(record.response.body) } } : {}),
    };
  }

  /** Free text (a message, a log line): URLs and paths with a query redacted, known values replaced. */
  text(line: string): string {
    return this.scrub(line.replace(/https?:\/\/[^\s"']+|\/[^\s"'?]*\?[^\s"']+/g, (u) => this.url(u)));
  }
}
