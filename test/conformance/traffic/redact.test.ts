import { describe, expect, it } from 'vitest';
import { nodeRedactor } from '../../../src/conformance/traffic/node-redactor.js';

describe('redaction', () => {
  it('gives a secret the same placeholder every time, a valid API key, and leaves a placeholder as it is', () => {
    const a = nodeRedactor();
    const b = nodeRedactor();
    const once = a.header('Authorization', 'Bearer sk_live_abcdef123456');
    expect(once).toMatch(/^Bearer redacted-[0-9a-f]{16}$/);
    expect(b.header('authorization', 'Bearer sk_live_abcdef123456')).toBe(once);
    expect(a.header('Authorization', once)).toBe(once);
    expect(a.header('Authorization', 'Bearer another-key-0000')).not.toBe(once);
  });

  it('keeps cookie names and attributes, replaces their values, and replaces a known secret wherever it appears', () => {
    const r = nodeRedactor();
    expect(r.header('Cookie', 'session=abc123secretvalue; theme=dark')).toMatch(/^session=redacted-[0-9a-f]{16}; theme=redacted-[0-9a-f]{16}$/);
    expect(r.header('Set-Cookie', 'sid=zzz-secret-cookie; Path=/; HttpOnly')).toMatch(/^sid=redacted-[0-9a-f]{16}; Path=\/; HttpOnly$/);
    r.header('X-Admin-Token', 'admin-token-123456');
    expect(r.text('the key admin-token-123456 was echoed')).not.toContain('admin-token-123456');
    expect(r.url('/v2/contacts?api_key=querysecret99&page=2')).toMatch(/^\/v2\/contacts\?api_key=redacted-[0-9a-f]{16}&page=2$/);
    expect(r.url('https://user:pa55word@host.example.com/x')).not.toMatch(/pa55word|user@/);
  });

  it('with pii, pseudonymizes emails, names and phones consistently, case aside for emails', () => {
    const r = nodeRedactor({ pii: true });
    const one = r.value({ email: 'Ana@Cliente.mx', fullName: 'Ana López', phone: '+525512345678', participants: [{ email: 'ana@cliente.mx', name: 'Ana López' }] }) as Record<string, any>;
    expect(one.email).toMatch(/^p[0-9a-f]{12}@example\.com$/);
    expect(one.participants[0].email).toBe(one.email);
    expect(one.participants[0].name).toBe(one.fullName);
    expect(one.fullName).toMatch(/^Persona [0-9a-f]{8}$/);
    expect(one.phone).toMatch(/^\+52\d{10}$/);
    expect(JSON.stringify(one)).not.toMatch(/Ana|López|5512345678/);
    // without pii, people stay as they are
    expect(nodeRedactor().value({ email: 'ana@cliente.mx' })).toEqual({ email: 'ana@cliente.mx' });
  });

  it('keeps __proto__ an ordinary key of a body', () => {
    const body = JSON.parse('{"__proto__": {"token": "t0ps3cr3t-value"}, "ok": 1}');
    const out = nodeRedactor().value(body) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).not.toContain('t0ps3cr3t-value');
  });
});
