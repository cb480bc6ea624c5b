import { Command, InvalidArgumentError, Option } from 'commander';
import { wholeNumber } from '../../../cli/options.js';
import { isValidEmail } from '../../../contract/index.js';
import { DEFAULT_API_KEYS, DEFAULT_CONTACTS, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SEED } from '../../defaults.js';
import type { ApiKeySpec } from '../../port/records.js';
import { LOG_FORMATS, type LogFormat } from '../../engine/request-log.js';
import { redactUrl } from '../../stores/sql/url.js';

/**
 * A replica started beside its database (one compose file, one Kubernetes rollout) waits for it:
 * the server may still be starting and its host name may not resolve yet.
 */
export const DEFAULT_DATABASE_WAIT_SECONDS = 30;

export interface CliOptions {
  port: number;
  host: string;
  apiKeys: ApiKeySpec[];
  seed: number;
  contacts: number;
  latency: { min: number; max: number };
  adminToken: string | undefined;
  adminOrigins: string[];
  maxTenantMb: number;
  fixtures: string | undefined;
  /** an embedded database in this directory (state survives restarts) */
  data: string | undefined;
  /** a PostgreSQL server shared by several mock processes */
  databaseUrl: string | undefined;
  /** how long a start waits for that server to answer (0: not at all) */
  databaseWaitSeconds: number;
  /** the log's lines: human, or one JSON object each */
  logFormat: LogFormat;
}

export function parseApiKey(value: string): ApiKeySpec {
  const [tenant, key, email, ...rest] = value.split(':');
  if (!tenant || !key || rest.length > 0) {
    throw new InvalidArgumentError(`an API key is TENANT:KEY[:EMAIL], got ${JSON.stringify(value)}`);
  }
  if (email !== undefined && !isValidEmail(email)) {
    throw new InvalidArgumentError(`the EMAIL of ${tenant}:${key} is not an email address: ${JSON.stringify(email)}`);
  }
  return { tenant, key, email: email ?? `owner@${tenant}.example.com` };
}

export function parseLatency(value: string): { min: number; max: number } {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(value);
  const min = m ? Number(m[1]) : NaN;
  const max = m?.[2] !== undefined ? Number(m[2]) : min;
  if (!m || max < min || max > 60_000) throw new InvalidArgumentError(`latency is MS or MIN-MAX in milliseconds (at most 60000), got ${JSON.stringify(value)}`);
  return { min, max };
}

export function parseOrigin(value: string): string {
  let origin: string | undefined;
  try {
    origin = new URL(value).origin;
  } catch {
    // reported below
  }
  if (origin === undefined || origin === 'null' || origin !== value.replace(/\/$/, '')) {
    throw new InvalidArgumentError(`an origin is SCHEME://HOST[:PORT] with no path, e.g. http://localhost:5173, got ${JSON.stringify(value)}`);
  }
  return origin;
}

function collectOrigin(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), parseOrigin(value)];
}

function collectKey(value: string, previous: ApiKeySpec[] | undefined): ApiKeySpec[] {
  return [...(previous ?? []), parseApiKey(value)];
}

function keyList(value: string): ApiKeySpec[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(parseApiKey);
}

export function buildProgram(): Command {
  return new Command('allsign-mock')
    .description('Stateful mock of the AllSign v2 API (contacts, documents, participants), seeded with Mexican demo data.')
    .addOption(new Option('-p, --port <n>', 'port to listen on (0: any free port)').env('PORT').default(DEFAULT_PORT).argParser(wholeNumber('--port', 0, 65535)))
    .addOption(new Option('--host <addr>', 'address to bind').env('HOST').default(DEFAULT_HOST))
    .addOption(
      new Option('--api-key <tenant:key[:email]>', 'an API key, its tenant and its owner email; repeatable (default: the two demo tenants)')
        .env('ALLSIGN_MOCK_API_KEYS')
        .argParser(collectKey),
    )
    .addOption(new Option('--seed <n>', 'seed of the generated data').env('ALLSIGN_MOCK_SEED').default(DEFAULT_SEED).argParser(wholeNumber('--seed', 0, 2 ** 32 - 1)))
    .addOption(
      new Option('--contacts <n>', 'seeded contacts per tenant').env('ALLSIGN_MOCK_CONTACTS').default(DEFAULT_CONTACTS).argParser(wholeNumber('--contacts', 0, 2_000_000)),
    )
    .addOption(
      new Option('--max-tenant-mb <n>', 'MiB each tenant may add beyond its seeded data (then 507); bounds the memory a shared sandbox needs')
        .env('ALLSIGN_MOCK_MAX_TENANT_MB')
        .default(256)
        .argParser(wholeNumber('--max-tenant-mb', 1, 65_536)),
    )
    .addOption(new Option('--fixtures <file>', 'a JSON state to load at start (the format of GET /__admin/export): its tenants replace those of the same name').env('ALLSIGN_MOCK_FIXTURES'))
    .addOption(new Option('--data <dir>', 'keep the state in an embedded database in DIR: it survives restarts (one process per DIR)').env('ALLSIGN_MOCK_DATA'))
    .addOption(new Option('--database-url <url>', 'keep the state in PostgreSQL (postgres://user:password@host:port/db): replicas on one database act as one API').env('DATABASE_URL'))
    .addOption(
      new Option('--database-wait <seconds>', 'how long a start waits for the --database-url server to answer (refused, a host name not resolving yet, starting up) before it exits 2; 0: not at all')
        .env('ALLSIGN_MOCK_DATABASE_WAIT')
        .default(DEFAULT_DATABASE_WAIT_SECONDS)
        .argParser(wholeNumber('--database-wait', 0, 3600)),
    )
    .addOption(new Option('--latency <ms|min-max>', 'added latency per API request').env('ALLSIGN_MOCK_LATENCY').default('0').argParser((v) => v))
    .addOption(new Option('--log-format <format>', 'the log on stdout: human lines, or one JSON object a line (method, path without the query, status, durationMs, tenant, operation, fault, code) for log pipelines').env('ALLSIGN_MOCK_LOG_FORMAT').choices(LOG_FORMATS).default('human'))
    .addOption(new Option('--admin-token <token>', 'require X-Admin-Token on /__admin (health and ready stay open)').env('ALLSIGN_MOCK_ADMIN_TOKEN'))
    .addOption(
      new Option('--admin-origin <origin>', 'a web origin whose pages may call /__admin (repeatable; by default browsers on other origins get 403)')
        .env('ALLSIGN_MOCK_ADMIN_ORIGINS')
        .argParser(collectOrigin),
    )
    .addHelpText(
      'after',
      `
Each flag can be set by the environment variable shown. ALLSIGN_MOCK_API_KEYS and
ALLSIGN_MOCK_ADMIN_ORIGINS take comma-separated lists:
ALLSIGN_MOCK_API_KEYS=acme:sk_acme:admin@acme.example.com,globex:sk_globex

Demo keys: sk_test_demo_a (tenant demo-a), sk_test_demo_b (tenant demo-b).
Control plane: /__admin/health (liveness) and /__admin/ready (readiness), open without the token;
/__admin/metrics (Prometheus), /__admin/reset, /__admin/requests, /__admin/tenants, /__admin/faults,
/__admin/export, /__admin/fixtures, /__admin/snapshots, /__admin/contacts/{id}/verify-identity,
/__admin/documents/{id}/sign. API reference: /docs.
Failures to rehearse: Prefer: code=503 (any 5xx or 429), Prefer: fault=reset|empty|truncate,
Prefer: delay=MS, or POST /__admin/faults for the next N requests or a rate.`,
    )
    .showHelpAfterError();
}

/** Flags and environment → options; throws commander's error (with exitCode 2 semantics) on bad input. */
export function parseCliOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const program = buildProgram().exitOverride();
  // commander reads process.env for .env(); give it the environment under test
  const saved = { ...process.env };
  const keys = ['PORT', 'HOST', 'ALLSIGN_MOCK_API_KEYS', 'ALLSIGN_MOCK_SEED', 'ALLSIGN_MOCK_CONTACTS', 'ALLSIGN_MOCK_LATENCY', 'ALLSIGN_MOCK_ADMIN_TOKEN', 'ALLSIGN_MOCK_ADMIN_ORIGINS', 'ALLSIGN_MOCK_MAX_TENANT_MB', 'ALLSIGN_MOCK_FIXTURES', 'ALLSIGN_MOCK_DATA', 'DATABASE_URL', 'ALLSIGN_MOCK_DATABASE_WAIT', 'ALLSIGN_MOCK_LOG_FORMAT'];
  for (const k of keys) {
    if (env[k] === undefined) delete process.env[k];
    else process.env[k] = env[k];
  }
  try {
    // the env var for --api-key is a list; parse it here instead of as one key
    const envKeys = env.ALLSIGN_MOCK_API_KEYS;
    delete process.env.ALLSIGN_MOCK_API_KEYS;
    const envOrigins = env.ALLSIGN_MOCK_ADMIN_ORIGINS;
    delete process.env.ALLSIGN_MOCK_ADMIN_ORIGINS;
    program.parse(argv, { from: 'user' });
    const o = program.opts<{ port: number; host: string; apiKey?: ApiKeySpec[]; seed: number; contacts: number; latency: string; adminToken?: string; adminOrigin?: string[]; maxTenantMb: number; fixtures?: string; data?: string; databaseUrl?: string; databaseWait: number; logFormat: LogFormat }>();
    let adminOrigins = o.adminOrigin;
    if (!adminOrigins && envOrigins) {
      try {
        adminOrigins = envOrigins.split(',').map((v) => v.trim()).filter(Boolean).map(parseOrigin);
      } catch (error) {
        program.error(`error: ALLSIGN_MOCK_ADMIN_ORIGINS: ${(error as Error).message}`, { exitCode: 2, code: 'commander.invalidArgument' });
      }
    }
    let apiKeys = o.apiKey;
    if (!apiKeys && envKeys) {
      try {
        apiKeys = keyList(envKeys);
      } catch (error) {
        program.error(`error: ALLSIGN_MOCK_API_KEYS: ${(error as Error).message}`, { exitCode: 2, code: 'commander.invalidArgument' });
      }
    }
    let latency: { min: number; max: number };
    try {
      latency = parseLatency(o.latency);
    } catch (error) {
      program.error(`error: option '--latency' (ALLSIGN_MOCK_LATENCY): ${(error as Error).message}`, { exitCode: 2, code: 'commander.invalidArgument' });
    }
    if (o.data && o.databaseUrl) {
      program.error('error: --data (ALLSIGN_MOCK_DATA) and --database-url (DATABASE_URL) are two stores: give one of them', { exitCode: 2, code: 'commander.invalidArgument' });
    }
    if (o.databaseUrl && !/^postgres(ql)?:\/\//.test(o.databaseUrl)) {
      program.error(`error: option '--database-url' (DATABASE_URL): a PostgreSQL URL starts with postgres:// or postgresql://, got ${JSON.stringify(redactUrl(o.databaseUrl))}`, { exitCode: 2, code: 'commander.invalidArgument' });
    }
    const duplicates = (apiKeys ?? []).map((k) => k.key).filter((k, i, all) => all.indexOf(k) !== i);
    if (duplicates.length) program.error(`error: API key ${duplicates[0]} is given twice`, { exitCode: 2, code: 'commander.invalidArgument' });
    return {
      port: o.port,
      host: o.host,
      apiKeys: apiKeys ?? DEFAULT_API_KEYS,
      seed: o.seed,
      contacts: o.contacts,
      latency: latency!,
      adminToken: o.adminToken || undefined,
      adminOrigins: adminOrigins ?? [],
      maxTenantMb: o.maxTenantMb,
      fixtures: o.fixtures || undefined,
      data: o.data || undefined,
      databaseUrl: o.databaseUrl || undefined,
      databaseWaitSeconds: o.databaseWait,
      logFormat: o.logFormat,
    };
  } finally {
    for (const k of keys) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}
