import { describe, expect, it } from 'vitest';
import { buildExecEnv, execRegion, REMOVED_VARIABLES } from './exec-env';

const credentials = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'secret/+=',
  sessionToken: 'token==',
  expiration: Date.UTC(2030, 0, 2, 3, 4, 5, 678),
};
const target = { accountId: '123456789012', roleName: 'Admin' };

describe('buildExecEnv', () => {
  it('sets the role, its expiry, the region and the marker; drops every other source', () => {
    const parent: Record<string, string> = { PATH: '/bin', HOME: '/h', AWS_CONFIG_FILE: '/c' };
    for (const name of REMOVED_VARIABLES) parent[name] = 'stale';
    const env = buildExecEnv(parent, {
      target,
      source: { kind: 'static', credentials },
      region: 'eu-west-1',
    });
    expect(env).toEqual({
      PATH: '/bin',
      HOME: '/h',
      AWS_CONFIG_FILE: '/c',
      AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret/+=',
      AWS_SESSION_TOKEN: 'token==',
      AWS_CREDENTIAL_EXPIRATION: '2030-01-02T03:04:05+00:00',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      SSO_TRAY_EXEC: '123456789012/Admin',
    });
  });

  it('with the endpoint: its URL and token, no keys, and every other source dropped', () => {
    const parent: Record<string, string> = { PATH: '/bin' };
    for (const name of REMOVED_VARIABLES) parent[name] = 'stale';
    const env = buildExecEnv(parent, {
      target,
      source: {
        kind: 'endpoint',
        env: {
          AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:4321/role/s/123456789012/Admin',
          AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok_en-1234567890',
        },
      },
      region: 'eu-west-1',
    });
    expect(env).toEqual({
      PATH: '/bin',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:4321/role/s/123456789012/Admin',
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok_en-1234567890',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      SSO_TRAY_EXEC: '123456789012/Admin',
    });
  });

  it('drops them whatever their case (Windows names ignore case) and sets no region without one', () => {
    const env = buildExecEnv(
      { aws_profile: 'x', Aws_Role_Arn: 'y', AWS_REGION: 'us-east-2' },
      { target, source: { kind: 'static', credentials }, region: undefined },
    );
    expect(Object.keys(env).sort()).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_CREDENTIAL_EXPIRATION',
      'AWS_REGION',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'SSO_TRAY_EXEC',
    ]);
    expect(env.AWS_REGION).toBe('us-east-2');
  });
});

describe('execRegion', () => {
  it('takes --region, the profile, AWS_REGION, AWS_DEFAULT_REGION, the sso_region, in that order', () => {
    const all = { flag: 'a-b-1', profile: 'c-d-2', ssoRegion: 'e-f-3' };
    const env = { AWS_REGION: 'g-h-4', AWS_DEFAULT_REGION: 'i-j-5' };
    expect(execRegion(env, all)).toBe('a-b-1');
    expect(execRegion(env, { ...all, flag: undefined })).toBe('c-d-2');
    expect(execRegion(env, { ssoRegion: 'e-f-3' })).toBe('g-h-4');
    expect(execRegion({ AWS_DEFAULT_REGION: 'i-j-5' }, { ssoRegion: 'e-f-3' })).toBe('i-j-5');
    expect(execRegion({}, { ssoRegion: 'e-f-3' })).toBe('e-f-3');
    expect(execRegion({}, {})).toBeUndefined();
  });
});
