import { describe, expect, it } from 'vitest';
import { loadApiConfig } from './config.ts';

describe('API configuration', () => {
  it('makes session cookies Secure by default, also on loopback (a TLS proxy on the same host)', () => {
    expect(loadApiConfig({}).server.cookieSecure).toBe(true);
    expect(loadApiConfig({ HOST: '127.0.0.1' }).server.cookieSecure).toBe(true);
    expect(loadApiConfig({ HOST: '0.0.0.0' }).server.cookieSecure).toBe(true);
  });

  it('turns Secure off only when asked, and only for a loopback listener', () => {
    expect(loadApiConfig({ HOST: '127.0.0.1', COOKIE_SECURE: 'false' }).server.cookieSecure).toBe(false);
    expect(() => loadApiConfig({ HOST: '0.0.0.0', COOKIE_SECURE: 'false' })).toThrow(/COOKIE_SECURE/);
    expect(() => loadApiConfig({ COOKIE_SECURE: 'auto' })).toThrow(/COOKIE_SECURE/);
  });

  it('takes TRUST_PROXY as a hop count or a list of proxy addresses, never "every hop"', () => {
    expect(loadApiConfig({}).server.trustProxy).toBe(false);
    expect(loadApiConfig({ TRUST_PROXY: '1' }).server.trustProxy).toBe(1);
    expect(loadApiConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).server.trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
    ]);
    expect(() => loadApiConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadApiConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY/);
    expect(() => loadApiConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY/);
  });

  it('reads the case settings and names a bad one', () => {
    const cases = loadApiConfig({
      CASE_NUMBER_FORMAT: '{seq:4}/{type}/{office}/{year}',
      CASE_OFFICE_CODES: '18.11=K.LA-11',
      CASE_PILKADA_DAYS: 'working',
      CASE_BLIND_SHARE: '0.5',
      REFERRAL_RECIPIENTS: 'BKN, PPK',
      RETENTION_UNFLAGGED_DAYS: '90',
    }).server.cases;
    expect(cases).toMatchObject({
      caseNumberFormat: '{seq:4}/{type}/{office}/{year}',
      officeCodes: { '18.11': 'K.LA-11' },
      blindShare: 0.5,
      recipients: ['BKN', 'PPK'],
      retention: { unflaggedPostDays: 90 },
    });
    expect(cases.clock.pilkada).toBe('working');
    expect(() => loadApiConfig({ CASE_NUMBER_FORMAT: '{type}/{year}' })).toThrow(/CASE_NUMBER_FORMAT/);
    expect(() => loadApiConfig({ CASE_OFFICE_CODES: '18.11' })).toThrow(/CASE_OFFICE_CODES/);
    expect(() => loadApiConfig({ CASE_BLIND_SHARE: '2' })).toThrow(/CASE_BLIND_SHARE/);
  });

  it('refuses periods that would carry a date past what a Date holds, naming the variable (fourth attack)', () => {
    // SESSION_TTL_HOURS=1e12 was accepted: every sign-in then computed an invalid expiry and answered 500.
    for (const variable of [
      'SESSION_TTL_HOURS',
      'LOGIN_WINDOW_MINUTES',
      'REFERRAL_FOLLOW_UP_DAYS',
      'RETENTION_UNFLAGGED_DAYS',
    ]) {
      expect(() => loadApiConfig({ [variable]: '1e12' }), variable).toThrow(new RegExp(`${variable}: paling besar`));
    }
    expect(loadApiConfig({ SESSION_TTL_HOURS: '8760' }).server.sessionTtlHours).toBe(8_760);
  });

  it('bounds slow clients on its own port by default, configurable up to a maximum (slow clients)', () => {
    expect(loadApiConfig({}).server.http).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 120_000,
      keepAliveTimeoutMs: 72_000,
      idleTimeoutMs: 120_000,
      maxConnections: 512,
    });
    expect(loadApiConfig({ HTTP_HEADERS_TIMEOUT_MS: '5000' }).server.http.headersTimeoutMs).toBe(5_000);
    for (const variable of [
      'HTTP_HEADERS_TIMEOUT_MS',
      'HTTP_REQUEST_TIMEOUT_MS',
      'HTTP_KEEP_ALIVE_TIMEOUT_MS',
      'HTTP_IDLE_TIMEOUT_MS',
      'HTTP_MAX_CONNECTIONS',
    ]) {
      expect(() => loadApiConfig({ [variable]: '1e12' }), variable).toThrow(new RegExp(`${variable}: paling besar`));
      expect(() => loadApiConfig({ [variable]: '0' }), variable).toThrow(new RegExp(variable));
    }
  });
});
