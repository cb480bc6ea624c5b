import type { ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from './ajv.js';
import { dereference } from './deref.js';
import { compileBounds } from './bounds.js';
import { instanceSegments, limitIssues, toValidationIssues, type Location, type ValidationIssue } from './fastapi-errors.js';
import { contractDocument, engineAdminContractDocument, engineContractDocument, type OpenApiDocument } from './load.js';
import { coerceParams } from './params.js';

export type JsonSchema = Record<string, unknown>;
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
const METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * A constraint a request part broke, as the contract writes it: the keyword, where in the part's
 * value (a parameter's name first for path and query), and for `required` the missing property.
 * What a traffic validator needs to find the constraint's provenance; the issues are for the wire.
 */
export interface BrokenConstraint {
  at: (string | number)[];
  keyword: string;
  property?: string;
  /** the validator's schema path to the keyword (none for the bounds checked before the schema) */
  schemaPath?: string;
}

export type RequestCheck<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[]; broken: BrokenConstraint[] };
export type ResponseCheck = { ok: true } | { ok: false; errors: string[] };

export interface ResponseSpec {
  /** the declared status ("200", "404", "default") */
  status: string;
  schema: JsonSchema | undefined;
  /** example values of the response's application/json content, documented ones first */
  examples: unknown[];
}

export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path template, e.g. /v2/contacts/{contact_id} */
  path: string;
  summary: string;
  pathParamNames: string[];
  /** query parameters whose schema has a default (validation fills them in) */
  queryDefaults: string[];
  /** the schema of each declared query parameter */
  queryParameters: Record<string, JsonSchema>;
  /** the path and the query parameters, each as one object schema (properties, required) */
  parameters: { path: JsonSchema; query: JsonSchema };
  hasRequestBody: boolean;
  /** the JSON body's schema, $refs inlined */
  bodySchema: JsonSchema | undefined;
  responses: ResponseSpec[];
  /** the response entry a status falls under (exact, then default), if any */
  responseFor(status: number): ResponseSpec | undefined;
  validatePath(params: Record<string, string>): RequestCheck<Record<string, string>>;
  /** coerces strings to the declared types and fills defaults into a copy */
  validateQuery(query: Record<string, unknown>): RequestCheck<Record<string, unknown>>;
  validateBody(body: unknown): RequestCheck<unknown>;
  validateResponse(status: number, body: unknown): ResponseCheck;
}

export interface ContractOptions {
  /**
   * Treat every property a response schema declares as required, but those marked `x-absent-when`. The mock's own tests use this so
   * that a field added to the spec and not to the mock fails them; the conformance suite does not.
   */
  requireAllResponseProperties?: boolean;
  /** compile from this document instead of the toolkit's contract (a variant of it; not cached) */
  document?: OpenApiDocument;
}

export interface Contract {
  doc: OpenApiDocument;
  operations: Operation[];
  operation(operationId: string): Operation;
  /** find the operation for a request; `pathExists` tells a 405 from a 404 when there is none */
  match(method: string, pathname: string): { operation: Operation; params: Record<string, string> } | { operation: undefined; pathExists: boolean };
}

interface RawOperation {
  operationId: string;
  summary?: string;
  parameters?: RawParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema?: JsonSchema; examples?: Record<string, { value?: unknown }> }> }>;
}
interface RawParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

function paramsSchema(parameters: RawParameter[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const param of parameters) {
    properties[param.name] = param.schema;
    if (param.required) required.push(param.name);
  }
  return { type: 'object', properties, required };
}

/** Every object schema with properties lists them all as required (see ContractOptions). */
function requireAllProperties(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(requireAllProperties);
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] = key === 'properties' || key === 'examples' ? value : requireAllProperties(value);
  }
  if (copy.properties && typeof copy.properties === 'object') {
    const props = copy.properties as Record<string, unknown>;
    for (const [name, value] of Object.entries(props)) props[name] = requireAllProperties(value);
    // a property the contract says is absent in some answers (x-absent-when) stays optional
    const alwaysThere = Object.keys(props).filter((name) => !(props[name] as Record<string, unknown>)['x-absent-when']);
    copy.required = [...new Set([...((copy.required as string[] | undefined) ?? []), ...alwaysThere])];
  }
  return copy;
}

function templateToRegex(path: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const m = /^\{([^}]+)\}$/.exec(part);
      if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[1]!);
      return '([^/]+)';
    })
    .join('');
  return { regex: new RegExp(`^${source}/?$`), names };
}

function brokenBy(errors: ErrorObject[]): BrokenConstraint[] {
  return errors.map((e) => {
    const missing = e.keyword === 'required' ? (e.params as { missingProperty?: unknown }).missingProperty : undefined;
    return { at: instanceSegments(e.instancePath), keyword: e.keyword, schemaPath: e.schemaPath, ...(typeof missing === 'string' ? { property: missing } : {}) };
  });
}

/** The bounds pre-check speaks in issues: a list's or a dictionary's size. */
const brokenBounds = (issues: ValidationIssue[]): BrokenConstraint[] =>
  issues.map((issue) => ({ at: issue.loc.slice(1), keyword: issue.ctx?.field_type === 'Dictionary' ? 'maxProperties' : 'maxItems' }));

function check<T>(validate: ValidateFunction, data: T, location: Location): RequestCheck<T> {
  if (validate(data)) return { ok: true, value: data };
  const errors = validate.errors ?? [];
  return { ok: false, issues: toValidationIssues(errors, location), broken: brokenBy(errors) };
}

/** Query or path strings: coerced the way FastAPI would, then validated (defaults filled). */
function checkParams(validate: ValidateFunction, schema: JsonSchema, raw: Record<string, unknown>, location: 'query' | 'path'): RequestCheck<Record<string, unknown>> {
  const coerced = coerceParams(schema.properties as Record<string, JsonSchema>, raw, location);
  const checked = check(validate, coerced.value, location);
  if (coerced.issues.length === 0) return checked;
  // a parameter that did not parse is reported once, as a parsing error
  const failed = new Set(coerced.issues.map((issue) => issue.loc[1]));
  const rest = checked.ok ? [] : checked.issues.filter((issue) => !failed.has(issue.loc[1]));
  const restBroken = checked.ok ? [] : checked.broken.filter((b) => !failed.has(b.at[0] ?? b.property!));
  const unparsed = coerced.issues.map((issue) => ({ at: [issue.loc[1]!], keyword: 'type' }));
  return { ok: false, issues: [...coerced.issues, ...rest], broken: [...unparsed, ...restBroken] };
}

/** Compile on first use: a process that serves a few operations (or only health) skips the rest. */
function lazily(compile: () => ValidateFunction): ValidateFunction {
  let validate: ValidateFunction | undefined;
  const run = ((data: unknown) => {
    validate ??= compile();
    const ok = validate(data);
    run.errors = validate.errors;
    return ok;
  }) as ValidateFunction;
  return run;
}

function buildOperation(method: HttpMethod, path: string, raw: RawOperation, options: ContractOptions, ajvs: ReturnType<typeof makeAjvs>): Operation {
  const params = raw.parameters ?? [];
  const pathSchema = paramsSchema(params.filter((p) => p.in === 'path'));
  const querySchema = paramsSchema(params.filter((p) => p.in === 'query'));
  const pathValidator = lazily(() => ajvs.params.compile(pathSchema));
  const queryValidator = lazily(() => ajvs.params.compile(querySchema));
  const bodySchema = raw.requestBody?.content?.['application/json']?.schema;
  const bodyValidator = bodySchema ? lazily(() => ajvs.body.compile(bodySchema)) : undefined;
  const bodyBounds = bodySchema ? compileBounds(bodySchema) : undefined;
  const bodyRequired = raw.requestBody?.required ?? false;

  const responses: ResponseSpec[] = Object.entries(raw.responses).map(([status, response]) => {
    const media = response.content?.['application/json'];
    return {
      status,
      schema: media?.schema,
      examples: Object.values(media?.examples ?? {}).map((example) => example.value),
    };
  });
  const responseValidators = new Map<string, ValidateFunction>();
  for (const response of responses) {
    if (!response.schema) continue;
    const schema = options.requireAllResponseProperties ? (requireAllProperties(response.schema) as JsonSchema) : response.schema;
    responseValidators.set(response.status, lazily(() => ajvs.response.compile(schema)));
  }
  const responseFor = (status: number) =>
    responses.find((r) => r.status === String(status)) ?? responses.find((r) => r.status === 'default');

  return {
    operationId: raw.operationId,
    method,
    path,
    summary: raw.summary ?? raw.operationId,
    pathParamNames: templateToRegex(path).names,
    queryDefaults: params.filter((p) => p.in === 'query' && p.schema.default !== undefined).map((p) => p.name),
    queryParameters: querySchema.properties as Record<string, JsonSchema>,
    parameters: { path: pathSchema, query: querySchema },
    hasRequestBody: Boolean(raw.requestBody),
    bodySchema,
    responses,
    responseFor,
    validatePath: (values) => checkParams(pathValidator, pathSchema, values, 'path') as RequestCheck<Record<string, string>>,
    validateQuery: (query) => checkParams(queryValidator, querySchema, query, 'query'),
    validateBody(body) {
      if (!bodyValidator) return { ok: true, value: body };
      if (body === undefined) {
        if (!bodyRequired) return { ok: true, value: body };
        return { ok: false, issues: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }], broken: [{ at: [], keyword: 'required' }] };
      }
      const outOfBounds = bodyBounds!(body);
      if (outOfBounds.length) return { ok: false, issues: limitIssues(outOfBounds), broken: brokenBounds(outOfBounds) };
      return check(bodyValidator, body, 'body');
    },
    validateResponse(status, body) {
      const spec = responseFor(status);
      if (!spec) return { ok: false, errors: [`status ${status} is not declared for ${raw.operationId}`] };
      const validator = responseValidators.get(spec.status);
      if (!validator) return body === undefined || body === '' ? { ok: true } : { ok: false, errors: [`status ${status} declares no body`] };
      if (validator(body)) return { ok: true };
      return {
        ok: false,
        errors: (validator.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? e.keyword}`),
      };
    },
  };
}

function makeAjvs() {
  return { params: createAjv('request-params'), body: createAjv('request-body'), response: createAjv('response') };
}

const cache = new Map<string, Contract>();

/**
 * Load the API's contract and compile its validators, once per process and option set: the whole
 * document (`doc` keeps its prose and provenance marks), for the conformance suite and other judges.
 */
export function loadContract(options: ContractOptions = {}): Contract {
  const { document, ...rest } = options;
  const key = JSON.stringify(rest);
  const hit = document ? undefined : cache.get(key);
  if (hit) return hit;
  const contract = compileContract(document ?? contractDocument(), options);
  if (!document) cache.set(key, contract);
  return contract;
}

let engine: Contract | undefined;

/** The API's contract as the mock's engine runs it: the same operations and validators, no prose to download. */
export function loadEngineContract(): Contract {
  engine ??= compileContract(engineContractDocument(), {});
  return engine;
}

let admin: Contract | undefined;

/** The control plane's contract (openapi/admin.yaml) as the engine runs it, compiled as the API's is: the same validation, the same 422s. */
export function loadAdminContract(): Contract {
  admin ??= compileContract(engineAdminContractDocument(), {});
  return admin;
}

/** Operations, routes and validators of a contract document. */
function compileContract(doc: OpenApiDocument, options: ContractOptions): Contract {
  const ajvs = makeAjvs();
  const operations: Operation[] = [];
  const routes: { regex: RegExp; names: string[]; byMethod: Map<string, Operation> }[] = [];
  for (const [path, rawItem] of Object.entries(doc.paths)) {
    const item = dereference(doc, rawItem) as Record<string, unknown> & { parameters?: RawParameter[] };
    const byMethod = new Map<string, Operation>();
    for (const method of METHODS) {
      const rawOp = item[method] as RawOperation | undefined;
      if (!rawOp) continue;
      const merged = { ...rawOp, parameters: [...(item.parameters ?? []), ...(rawOp.parameters ?? [])] };
      const op = buildOperation(method, path, merged, options, ajvs);
      operations.push(op);
      byMethod.set(method.toUpperCase(), op);
    }
    routes.push({ ...templateToRegex(path), byMethod });
  }
  // Literal segments win over templates (/v2/contacts/bulk before /v2/contacts/{contact_id}).
  routes.sort((a, b) => a.names.length - b.names.length);

  const contract: Contract = {
    doc,
    operations,
    operation(operationId) {
      const op = operations.find((o) => o.operationId === operationId);
      if (!op) throw new Error(`no operation ${operationId} in the contract`);
      return op;
    },
    match(method, pathname) {
      let pathExists = false;
      for (const route of routes) {
        const m = route.regex.exec(pathname);
        if (!m) continue;
        pathExists = true;
        const operation = route.byMethod.get(method.toUpperCase());
        if (!operation) continue;
        const params: Record<string, string> = {};
        route.names.forEach((name, i) => {
          params[name] = safeDecode(m[i + 1]!);
        });
        return { operation, params };
      }
      return { operation: undefined, pathExists };
    },
  };
  return contract;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
