import { describe, expect, it } from 'vitest';
import { ISOLATION_HEADERS, withIsolationHeaders } from './isolationHeaders';

describe('cross-origin isolation headers on cached responses', () => {
  it('adds COOP same-origin and COEP require-corp, keeping status, body and other headers', async () => {
    const original = new Response('<!doctype html>', { status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/html' } });
    const out = withIsolationHeaders(original);
    expect(out.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(out.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(out.headers.get('Content-Type')).toBe('text/html');
    expect(out.status).toBe(200);
    expect(out.statusText).toBe('OK');
    expect(await out.text()).toBe('<!doctype html>');
  });

  it('leaves a response that already has both headers as it is (the host sent them)', () => {
    const original = new Response('x', { headers: ISOLATION_HEADERS });
    expect(withIsolationHeaders(original)).toBe(original);
  });

  it('adds only the one that is missing', () => {
    const out = withIsolationHeaders(new Response('x', { headers: { 'Cross-Origin-Opener-Policy': 'same-origin-allow-popups' } }));
    expect(out.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin-allow-popups');
    expect(out.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
  });
});
