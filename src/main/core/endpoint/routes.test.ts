import { describe, expect, it } from 'vitest';
import { endpointEnv, endpointShellLines, parseRolePath, rolePath, roleUrl } from './routes';

const role = { session: 'emu', accountId: '111111111111', roleName: 'Admin' };

describe('role paths', () => {
  it('round-trips session, account and role, encoding what a URL or a shell would act on', () => {
    const odd = {
      session: "my portal's (dev)!",
      accountId: '123456789012',
      roleName: 'A+b=c,d.e@f_g-h',
    };
    const path = rolePath(odd);
    expect(path).toBe('/role/my%20portal%27s%20%28dev%29%21/123456789012/A%2Bb%3Dc%2Cd.e%40f_g-h');
    expect(path).toMatch(/^[A-Za-z0-9%/._~-]+$/);
    expect(parseRolePath(path)).toEqual({ ok: true, role: odd });
    expect(roleUrl(4321, role)).toBe('http://127.0.0.1:4321/role/emu/111111111111/Admin');
  });

  it.each([
    ['/', 'Unknown path'],
    ['/role/emu/111111111111', 'Unknown path'],
    ['/role/emu/111111111111/Admin/extra', 'Unknown path'],
    ['/roles/emu/111111111111/Admin', 'Unknown path'],
    ['/role/emu/1111/Admin', 'account'],
    ['/role/emu/111111111111/Bad%20Role', 'role'],
    ['/role/emu/111111111111/%E0%A4%A', 'URL encoding'],
    ['/role/%0Aemu/111111111111/Admin', 'session'],
  ])('refuses %s', (path, why) => {
    const parsed = parseRolePath(path);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(why);
  });
});

describe('environment and shell lines', () => {
  const env = endpointEnv({ port: 4321, token: 'tok_en-1' }, role);

  it('names the role URL and the token', () => {
    expect(env).toEqual({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:4321/role/emu/111111111111/Admin',
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok_en-1',
    });
  });

  it('writes the two lines in each shell the portal offers', () => {
    expect(endpointShellLines(env, 'macos')).toBe(
      'export AWS_CONTAINER_CREDENTIALS_FULL_URI="http://127.0.0.1:4321/role/emu/111111111111/Admin"\n' +
        'export AWS_CONTAINER_AUTHORIZATION_TOKEN="tok_en-1"\n',
    );
    expect(endpointShellLines(env, 'windows')).toBe(
      'set AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:4321/role/emu/111111111111/Admin\n' +
        'set AWS_CONTAINER_AUTHORIZATION_TOKEN=tok_en-1\n',
    );
    expect(endpointShellLines(env, 'powershell')).toBe(
      '$Env:AWS_CONTAINER_CREDENTIALS_FULL_URI="http://127.0.0.1:4321/role/emu/111111111111/Admin"\n' +
        '$Env:AWS_CONTAINER_AUTHORIZATION_TOKEN="tok_en-1"\n',
    );
  });
});
