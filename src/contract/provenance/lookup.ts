import type { ErrorObject } from 'ajv';
import type { Operation } from '../contract.js';
import { contractDocument, type OpenApiDocument } from '../load.js';
import { joinPointer, operationPointer, pointerKeys, valueAt } from '../pointers.js';
import { written } from './constraints.js';
import { basisOf, type Basis } from './decisions.js';
import { BENEATH, DOCUMENTED, INFERRED, markFor } from './marks.js';
import { ViolationFinder, type RequestParts, type Violation } from './violations.js';

export type RequestPart = 'path' | 'query' | 'body';
type Node = Record<string, unknown>;
const asNode = (value: unknown): Node | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined);
const JSON_MEDIA = 'application/json';

/** A schema keyword as written, with the property when it is one entry of `required`. */
export interface KeywordSite {
  node: string;
  keyword: string;
  property?: string;
  /**
   * a $ref on the way there whose own `beneath` mark says how the schema it names is used there
   * (fullName on a single create: an alias the contract chose, whatever FullName documents)
   */
  via?: string;
}

/**
 * What a constraint, a status or a validation error of an operation rests on: the reference's words
 * (documented: it gates) or a decision of the contract (inferred: it warns). One API for everything
 * that judges traffic against the contract: the conformance suite, a proxy, a HAR validator.
 */
export class ProvenanceLookup {
  private readonly finder = new ViolationFinder(this);

  constructor(readonly doc: OpenApiDocument = contractDocument()) {}

  /** Every way a request departs from the operation's parameters and body, each with its basis. */
  checkRequest(op: Operation, parts: RequestParts): Violation[] {
    return this.finder.request(op, parts);
  }

  /** Every way an answer departs from the contract (an undeclared status, a body off its schema), each with its basis. */
  checkResponse(op: Operation, status: number, body: unknown): Violation[] {
    return this.finder.response(op, status, body);
  }

  private mark(node: string, key: string, property?: string): Basis | undefined {
    return basisOf(markFor(this.doc, node, key, property), this.doc);
  }

  /**
   * A keyword where it is written (`…/schemas/Tags`, `maxItems`), or one entry of its `required`.
   * Reached through a $ref whose use is inferred as a whole, a documented keyword rests on that use.
   */
  keyword(site: KeywordSite): Basis | undefined {
    const property = site.property === undefined ? undefined : joinPointer(site.node, 'properties', site.property);
    const own = this.mark(site.node, site.keyword, property);
    if (site.via === undefined || own?.provenance === 'inferred') return own;
    return basisOf(markFor(this.doc, site.via, BENEATH), this.doc) ?? own;
  }

  /** The outermost of these pointers that is a $ref with a `beneath` mark of its own: a use of a schema marked as a whole. */
  useSite(pointers: readonly string[]): string | undefined {
    return pointers.find((pointer) => {
      const node = asNode(valueAt(this.doc, pointer));
      const marked = (mark: unknown) => asNode(mark)?.[BENEATH] !== undefined;
      return typeof node?.$ref === 'string' && (marked(node[INFERRED]) || marked(node[DOCUMENTED]));
    });
  }

  /**
   * A status an operation answered. A declared one rests on its own mark; an undeclared error on the
   * mark of `default` (which errors the reference leaves open answer what); an undeclared success on
   * the operation's declared success (documented: another 2xx breaks it).
   */
  status(op: Operation, status: number): Basis | undefined {
    const at = operationPointer(op.path, op.method);
    const declared = op.responses.map((r) => r.status);
    if (declared.includes(String(status))) return this.mark(at, String(status));
    if (status >= 400) return declared.includes('default') ? this.mark(at, 'default') : undefined;
    return this.success(op);
  }

  /**
   * What an invalid item of a list of independent items (a bulk body) does to the request, where
   * the list says so (its key `items`): refused with the request, or failed alone.
   */
  itemConsequence(node: string): Basis | undefined {
    const mark = markFor(this.doc, node, 'items');
    return mark && mark.place === joinPointer(node, 'items') ? basisOf(mark, this.doc) : undefined;
  }

  /** What the operation working rests on: the mark of the success it declares. */
  success(op: Operation): Basis | undefined {
    const declared = op.responses.map((r) => r.status).find((s) => /^2\d\d$/.test(s));
    return declared === undefined ? undefined : this.mark(operationPointer(op.path, op.method), declared);
  }

  /** The written schema node of a request part: a parameter's schema, or the JSON body's. */
  requestRoot(op: Operation, part: RequestPart, name?: string): string | undefined {
    const at = operationPointer(op.path, op.method);
    if (part === 'body') {
      const body = written(this.doc, joinPointer(at, 'requestBody'));
      return asNode(valueAt(this.doc, joinPointer(body, 'content', JSON_MEDIA, 'schema'))) ? joinPointer(body, 'content', JSON_MEDIA, 'schema') : undefined;
    }
    const param = this.parameter(op, part, name);
    return param === undefined ? undefined : joinPointer(param, 'schema');
  }

  /** The written node of a declared parameter (path-level ones included). */
  parameter(op: Operation, part: 'path' | 'query', name: string | undefined): string | undefined {
    const at = operationPointer(op.path, op.method);
    const item = at.slice(0, at.lastIndexOf('/'));
    for (const list of [joinPointer(item, 'parameters'), joinPointer(at, 'parameters')]) {
      const items = valueAt(this.doc, list);
      if (!Array.isArray(items)) continue;
      for (let i = 0; i < items.length; i++) {
        const pointer = written(this.doc, joinPointer(list, i));
        const param = asNode(valueAt(this.doc, pointer));
        if (param?.in === part && param.name === name) return pointer;
      }
    }
    return undefined;
  }

  /** The written schema node of a response body, for the declared status it falls under. */
  responseRoot(op: Operation, declared: string): string | undefined {
    const response = written(this.doc, joinPointer(operationPointer(op.path, op.method), 'responses', declared));
    const schema = joinPointer(response, 'content', JSON_MEDIA, 'schema');
    return valueAt(this.doc, schema) === undefined ? undefined : schema;
  }

  /** Follows a validator's schema path (as compiled from the inlined schema) through the written one. */
  site(root: string, schemaPath: string, error?: Pick<ErrorObject, 'keyword' | 'params'>): KeywordSite {
    const keys = pointerKeys(schemaPath);
    const passed = [root];
    let node = written(this.doc, root);
    for (const key of keys.slice(0, -1)) {
      passed.push(joinPointer(node, key));
      node = written(this.doc, passed.at(-1)!);
    }
    const keyword = error?.keyword ?? keys.at(-1) ?? '';
    const missing = keyword === 'required' ? (error?.params as { missingProperty?: unknown } | undefined)?.missingProperty : undefined;
    const via = this.useSite(passed);
    return { node, keyword, ...(typeof missing === 'string' ? { property: missing } : {}), ...(via ? { via } : {}) };
  }

  /**
   * Where a keyword an error of the contract's request validators names is written (ajv,
   * schemaPath relative to what was compiled): in the body's schema, or for path and query in the
   * object of the operation's parameters (a missing one: its parameter's `required`).
   */
  requestSite(op: Operation, part: RequestPart, error: Pick<ErrorObject, 'keyword' | 'params' | 'schemaPath'>): KeywordSite | undefined {
    if (part === 'body') {
      const root = this.requestRoot(op, 'body');
      return root === undefined ? undefined : this.site(root, error.schemaPath, error);
    }
    // the parameters are validated as one object: #/properties/<name>/…, or #/required for a missing one
    const keys = pointerKeys(error.schemaPath);
    if (keys[0] === 'required') {
      const param = this.parameter(op, part, String((error.params as { missingProperty?: unknown }).missingProperty));
      return param === undefined ? undefined : { node: param, keyword: 'required' };
    }
    const root = keys[0] === 'properties' ? this.requestRoot(op, part, keys[1]) : undefined;
    return root === undefined ? undefined : this.site(root, `#/${keys.slice(2).join('/')}`, error);
  }

  /** What an error of the contract's request validators rests on (see requestSite). */
  requestError(op: Operation, part: RequestPart, error: Pick<ErrorObject, 'keyword' | 'params' | 'schemaPath'>): Basis | undefined {
    const site = this.requestSite(op, part, error);
    return site === undefined ? undefined : this.keyword(site);
  }

  /**
   * An error of a response body against the schema of the status it was declared under: an inferred
   * keyword rests on its decision; a documented one inside an answer whose status is inferred (PUT's
   * 200, which the reference never shows) rests on the status's decision.
   */
  responseError(op: Operation, status: number, declared: string, error: Pick<ErrorObject, 'keyword' | 'params' | 'schemaPath'>): Basis | undefined {
    const root = this.responseRoot(op, declared);
    const own = root === undefined ? undefined : this.keyword(this.site(root, error.schemaPath, error));
    if (own?.provenance === 'inferred') return own;
    const answer = this.status(op, status);
    return answer?.provenance === 'inferred' ? answer : (own ?? answer);
  }
}

let shared: ProvenanceLookup | undefined;

/** The contract's provenance, built once per process. */
export function provenance(): ProvenanceLookup {
  shared ??= new ProvenanceLookup();
  return shared;
}

/** One line for a person: what the constraint rests on. */
export function describeBasis(basis: Basis | undefined): string {
  if (!basis) return 'rests on nothing the contract marks';
  return basis.provenance === 'documented' ? `documented: "${basis.quote}"` : `inferred at ${basis.decision.pointer}: ${basis.decision.text}`;
}
