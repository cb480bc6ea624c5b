const TLS_CODES = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$|HOSTNAME_MISMATCH)/;

/**
 * Why a request got no HTTP answer, in a user's terms. fetch reports "fetch failed" and hides the
 * reason in `cause` (undici), sometimes one level deeper.
 */
export function explainNetworkError(error: unknown, timeoutMs: number): string {
  const outer = error as { name?: string; message?: string; cause?: unknown };
  if (outer?.name === 'TimeoutError') {
    return `no answer within ${timeoutMs} ms (timeout): the server may not be running or may be overloaded, or a firewall drops the connection (--timeout raises the limit)`;
  }
  let cause = (outer?.cause ?? outer) as { code?: string; message?: string; reason?: string; cause?: unknown };
  if (!cause.code && cause.cause) cause = cause.cause as typeof cause;
  const code = cause.code ?? '';
  // OpenSSL's messages run over several lines; its `reason` says it in a few words
  const text = (cause.reason ?? cause.message ?? '').replace(/\s+/g, ' ').trim().slice(0, 160);
  const detail = [code, text].filter(Boolean).join(': ');
  if (text === 'bad port') return `fetch refuses that port (bad port: one of the ports browsers block): use another port for the server`;
  if (code === 'ECONNREFUSED') return `connection refused (${detail}): is the server running and listening on that port?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return `DNS lookup failed (${detail}): check the host name of --base-url`;
  }
  if (TLS_CODES.test(code) || /ssl|tls|certificate/i.test(cause.message ?? '')) {
    return `TLS failed (${detail}): an https URL on a plain-http server, or a certificate this machine does not trust`;
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return `the connection was closed without an answer (${detail}): the server may have crashed or be restarting`;
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `host unreachable (${detail}): check the network and the host of --base-url`;
  return detail || String(outer?.message ?? error);
}
