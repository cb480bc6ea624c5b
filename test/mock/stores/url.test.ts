import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../../src/mock/stores/sql/url.js';

describe('a database URL shown in a banner or an error', () => {
  it('keeps everything but the password', () => {
    expect(redactUrl('postgres://mock:s3cr%40t@db.internal:5432/sandbox?sslmode=require')).toBe('postgres://mock:***@db.internal:5432/sandbox?sslmode=require');
    expect(redactUrl('postgres://db/sandbox')).toBe('postgres://db/sandbox');
    expect(redactUrl('postgres://user:pw@[::1')).not.toContain('pw');
  });
});
