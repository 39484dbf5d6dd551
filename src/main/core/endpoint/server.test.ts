import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { SsoTrayError } from '../errors';
import { createLogger, type LogEntry } from '../log/logger';
import type { RoleCredentials } from '../../../shared/schemas';
import {
  checkBindHost,
  startCredentialsEndpoint,
  tokenMatches,
  type RunningEndpoint,
} from './server';
import type { EndpointRole } from './routes';

const role = { session: 'emu', accountId: '111111111111', roleName: 'Admin' };
const creds: RoleCredentials = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
  secretAccessKey: 'secret/value+1234567890abcdefghijklmnopq',
  sessionToken: 'IQoJsessiontokenvalue',
  expiration: Date.UTC(2030, 0, 2, 3, 4, 5, 678),
};

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

function get(
  port: number,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

let endpoint: RunningEndpoint | undefined;
const entries: LogEntry[] = [];
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
  entries.length = 0;
});

async function start(
  source: (r: EndpointRole, min: number) => Promise<RoleCredentials> = async () => creds,
): Promise<RunningEndpoint> {
  endpoint = await startCredentialsEndpoint({
    credentials: source,
    logger: createLogger({ write: (e) => entries.push(e) }, { level: 'debug' }),
  });
  return endpoint;
}

const ok = (e: RunningEndpoint, extra: Record<string, string> = {}) => ({
  Host: `127.0.0.1:${e.port}`,
  Authorization: e.token,
  ...extra,
});

describe('the credentials endpoint', () => {
  it('serves a role in the container credentials format, with no CORS header', async () => {
    const asked: [EndpointRole, number][] = [];
    const e = await start(async (r, min) => {
      asked.push([r, min]);
      return creds;
    });
    const reply = await get(e.port, '/role/emu/111111111111/Admin', ok(e));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      AccessKeyId: creds.accessKeyId,
      SecretAccessKey: creds.secretAccessKey,
      Token: creds.sessionToken,
      Expiration: '2030-01-02T03:04:05Z',
      AccountId: '111111111111',
    });
    expect(asked).toEqual([[role, 16 * 60 * 1000]]);
    expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control'))).toEqual([]);
    expect(reply.headers['cache-control']).toBe('no-store');
    // localhost and `Bearer <token>` are accepted too
    const other = await get(e.port, '/role/emu/111111111111/Admin', {
      Host: `localhost:${e.port}`,
      Authorization: `Bearer ${e.token}`,
    });
    expect(other.status).toBe(200);
    expect(e.url(role)).toBe(`http://127.0.0.1:${e.port}/role/emu/111111111111/Admin`);
    expect(e.env(role).AWS_CONTAINER_AUTHORIZATION_TOKEN).toBe(e.token);
  });

  it('makes a new random token each time it starts', async () => {
    const a = await start();
    const first = a.token;
    await a.close();
    const b = await start();
    expect(b.token).not.toBe(first);
    expect(b.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each([
    ['no token', {}, 401, 'MissingToken'],
    ['a wrong token', { Authorization: 'nope' }, 401, 'InvalidToken'],
    ['a wrong bearer token', { Authorization: 'Bearer nope' }, 401, 'InvalidToken'],
  ])('refuses %s without asking for credentials', async (_what, headers, status, code) => {
    let asked = 0;
    const e = await start(async () => {
      asked++;
      return creds;
    });
    const h: Record<string, string> = { Host: `127.0.0.1:${e.port}`, ...headers };
    const reply = await get(e.port, '/role/emu/111111111111/Admin', h);
    expect(reply.status).toBe(status);
    expect(reply.body.code).toBe(code);
    expect(reply.body).not.toHaveProperty('AccessKeyId');
    expect(asked).toBe(0);
  });

  it('refuses a token that is only a prefix or has more after it', async () => {
    const e = await start();
    for (const bad of [e.token.slice(0, -1), `${e.token}x`, `x${e.token}`, `Bearer  ${e.token}`]) {
      const reply = await get(
        e.port,
        '/role/emu/111111111111/Admin',
        ok(e, { Authorization: bad }),
      );
      expect(reply.status).toBe(401);
    }
    expect(tokenMatches(e.token, e.token)).toBe(true);
    expect(tokenMatches(undefined, e.token)).toBe(false);
  });

  it('refuses a foreign Host and any Origin before looking at the token', async () => {
    const e = await start();
    for (const host of [
      'evil.example',
      `evil.example:${e.port}`,
      '127.0.0.1',
      `127.0.0.1:${e.port + 1}`,
      `[::1]:${e.port}`,
    ]) {
      const reply = await get(e.port, '/role/emu/111111111111/Admin', ok(e, { Host: host }));
      expect(reply.status).toBe(403);
      expect(reply.body.code).toBe('ForbiddenHost');
    }
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${e.port}`]) {
      const reply = await get(e.port, '/role/emu/111111111111/Admin', ok(e, { Origin: origin }));
      expect(reply.status).toBe(403);
      expect(reply.body.code).toBe('ForbiddenOrigin');
      expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('answers only GET, and 404 for paths that are not a role', async () => {
    const e = await start();
    expect((await get(e.port, '/role/emu/111111111111/Admin', ok(e), 'POST')).status).toBe(405);
    expect((await get(e.port, '/role/emu/111111111111/Admin', ok(e), 'OPTIONS')).status).toBe(405);
    const notFound = await get(e.port, '/latest/meta-data', ok(e));
    expect(notFound.status).toBe(404);
    expect(notFound.body.code).toBe('NotFound');
    const root = await get(e.port, '/', ok(e));
    expect(root.body).toEqual({ service: 'sso-tray-credentials', version: 1 });
  });

  it.each([
    ['SESSION_EXPIRED', 401, 'SessionExpired', 'has expired'],
    ['NOT_SIGNED_IN', 401, 'NotSignedIn', 'not signed in'],
    ['ACCESS_DENIED', 404, 'RoleNotFound', 'has no role Admin in account 111111111111'],
    ['CONFIG', 404, 'SessionNotFound', 'There is no'],
    ['THROTTLED', 429, 'Throttled', 'throttl'],
  ] as const)('answers %s as %i %s', async (coreCode, status, code, text) => {
    const e = await start(async () => {
      throw new SsoTrayError(coreCode, `There is no throttling here: ${coreCode}`);
    });
    const reply = await get(e.port, '/role/emu/111111111111/Admin', ok(e));
    expect(reply.status).toBe(status);
    expect(reply.body.code).toBe(code);
    expect(String(reply.body.message)).toContain(text);
  });

  it('answers an unexpected failure with a fixed message', async () => {
    const e = await start(async () => {
      throw new Error(`boom ${creds.secretAccessKey}`);
    });
    const reply = await get(e.port, '/role/emu/111111111111/Admin', ok(e));
    expect(reply.status).toBe(500);
    expect(JSON.stringify(reply.body)).not.toContain(creds.secretAccessKey);
  });

  it('never logs the token or a credential', async () => {
    const e = await start();
    await get(e.port, '/role/emu/111111111111/Admin', ok(e));
    await get(e.port, '/role/emu/111111111111/Admin', ok(e, { Authorization: 'wrong' }));
    const text = JSON.stringify(entries);
    expect(entries.length).toBeGreaterThan(2);
    for (const secret of [e.token, creds.secretAccessKey, creds.sessionToken, creds.accessKeyId]) {
      expect(text).not.toContain(secret);
    }
  });

  it('refuses to listen on anything but loopback', async () => {
    for (const host of ['0.0.0.0', '::', '::1', '192.168.1.10', 'example.com']) {
      expect(() => checkBindHost(host)).toThrow(/127\.0\.0\.1 only/);
      await expect(
        startCredentialsEndpoint({ credentials: async () => creds, host }),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(checkBindHost('localhost')).toBe('127.0.0.1');
    expect(checkBindHost(undefined)).toBe('127.0.0.1');
  });

  it('says when the port is taken', async () => {
    const e = await start();
    await expect(
      startCredentialsEndpoint({ credentials: async () => creds, port: e.port }),
    ).rejects.toThrow(`Port ${e.port} on 127.0.0.1 is in use`);
  });
});
