import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, HARDENING_HEADERS } from './contentSecurityPolicy';
import { ISOLATION_HEADERS } from './isolationHeaders';

describe('the Content-Security-Policy and the other headers', () => {
  const headers = Object.fromEntries(
    readFileSync(new URL('../../public/_headers', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => /^\s+\S+:/.test(line))
      .map((line) => {
        const at = line.indexOf(':');
        return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
      }),
  );

  it('public/_headers sends the same policy as the build\'s <meta> tag, nosniff, a referrer policy and the isolation headers', () => {
    expect(headers).toEqual({ ...ISOLATION_HEADERS, ...HARDENING_HEADERS });
  });

  it('restricts what a policy must (no inline or eval scripts, no plugins, no base or form elsewhere) and never framing', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);
    expect(directives.has('frame-ancestors')).toBe(false);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|https?:|\*/);
  });
});
