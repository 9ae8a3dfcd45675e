import { describe, expect, it } from 'vitest';
import { endpointUrlProblem, isBlockedAddress } from './endpoint-url.js';

const strict = { allowHttp: false };

describe('endpoint URLs', () => {
  it('takes https anywhere and plain http to localhost only, unless the installation allows it', () => {
    expect(endpointUrlProblem('https://hooks.example.com/in', strict)).toBeUndefined();
    expect(endpointUrlProblem('http://localhost:8080/in', strict)).toBeUndefined();
    expect(endpointUrlProblem('http://127.0.0.1/in', strict)).toBeUndefined();
    expect(endpointUrlProblem('http://hooks.example.com/in', strict)).toMatch(/https/);
    expect(endpointUrlProblem('http://hooks.example.com/in', { allowHttp: true })).toBeUndefined();
  });

  it('refuses credentials, fragments, other schemes and link-local addresses', () => {
    expect(endpointUrlProblem('https://a:b@hooks.example.com/', strict)).toMatch(/credentials/);
    expect(endpointUrlProblem('https://hooks.example.com/#x', strict)).toMatch(/fragment/);
    expect(endpointUrlProblem('file:///etc/passwd', strict)).toMatch(/https/);
    expect(endpointUrlProblem('https://169.254.169.254/latest', strict)).toMatch(/link-local/);
    expect(endpointUrlProblem('http://169.254.169.254/latest', { allowHttp: true })).toMatch(/link-local/);
    expect(endpointUrlProblem('https://[fe80::1]/', strict)).toMatch(/link-local/);
  });

  it('blocks link-local and unspecified addresses, in either family', () => {
    expect(
      ['169.254.169.254', '169.254.0.1', '0.0.0.0', '::ffff:169.254.169.254', 'fe80::1', '::'].map(
        isBlockedAddress,
      ),
    ).toEqual(Array(6).fill(true));
    expect(['127.0.0.1', '10.0.0.1', '93.184.216.34', '::1', '2001:db8::1'].map(isBlockedAddress)).toEqual(
      Array(5).fill(false),
    );
  });
});
