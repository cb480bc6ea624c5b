/**
 * The methods this server implements for some resource. RFC 9110 §15.6.2: a method the server does
 * not implement for any resource is a 501, wherever it is sent; one it implements elsewhere is a
 * 405 naming the resource's methods in Allow (§15.5.6). HEAD is GET without the body (§9.3.2).
 */
const IMPLEMENTED = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function isImplemented(method: string): boolean {
  return IMPLEMENTED.has(method);
}

/** A resource's methods for Allow: HEAD wherever GET is, each once, in the order given. */
export function allowHeader(methods: readonly string[]): string {
  const out: string[] = [];
  for (const m of methods) {
    if (!out.includes(m)) out.push(m);
    if (m === 'GET' && !out.includes('HEAD')) out.push('HEAD');
  }
  return out.join(', ');
}
