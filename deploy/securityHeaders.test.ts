import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headersFile, nginxConf } from './generate';
import { contentSecurityPolicy, securityHeaders } from './securityHeaders';

const config = {
  servers: [
    { issuer: 'https://fhir.example.org/r4', authOrigins: ['https://auth.example.org/'] },
    { issuer: 'https://fhir.example.org/other' },
  ],
  ehrOrigins: ['https://ehr.example.org'],
};

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `))?.split(' ').slice(1);

describe('security headers', () => {
  it('limits scripts, objects, base, connections and framing', () => {
    const csp = contentSecurityPolicy(config);
    expect(directive(csp, 'script-src')).toEqual(["'self'"]);
    expect(csp).not.toContain('unsafe-inline');
    expect(directive(csp, 'object-src')).toEqual(["'none'"]);
    expect(directive(csp, 'base-uri')).toEqual(["'none'"]);
    expect(directive(csp, 'connect-src')).toEqual(["'self'", 'https://auth.example.org', 'https://fhir.example.org']);
    expect(directive(csp, 'frame-ancestors')).toEqual(["'self'", 'https://ehr.example.org']);
    expect(directive(csp, 'form-action')).toEqual(["'self'", 'https://auth.example.org']);
    expect(securityHeaders(config)['Referrer-Policy']).toBe('no-referrer');
  });

  it('frames nowhere but itself when no EHR origin is configured', () => {
    expect(directive(contentSecurityPolicy({ servers: [] }), 'frame-ancestors')).toEqual(["'self'"]);
  });

  it('the committed production examples match the default configuration', () => {
    const defaults = JSON.parse(readFileSync('public/smart-config.json', 'utf8'));
    expect(readFileSync('deploy/nginx.conf', 'utf8')).toBe(nginxConf(defaults));
    expect(readFileSync('deploy/_headers', 'utf8')).toBe(headersFile(defaults));
  });
});
