import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxHome, ssoSessionSection, writeSsoSession } from './sandbox-home';

const portal = {
  name: 'emu',
  startUrl: 'https://d-1234567890.awsapps.com/start',
  region: 'eu-west-1',
};
const SECTION =
  '[sso-session emu]\nsso_start_url = https://d-1234567890.awsapps.com/start\n' +
  'sso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n';

const made: string[] = [];
afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the sandbox HOME', () => {
  it('writes the session into ~/.aws/config (0600) and points the env at the files and endpoint', async () => {
    const h = await createSandboxHome({ session: portal, endpoint: 'http://127.0.0.1:4567' });
    made.push(h.home);
    expect(h.configFile).toBe(join(h.home, '.aws', 'config'));
    expect(h.credentialsFile).toBe(join(h.home, '.aws', 'credentials'));
    expect(await readFile(h.configFile, 'utf8')).toBe(SECTION);
    expect((await stat(h.configFile)).mode & 0o777).toBe(0o600);
    expect(existsSync(h.credentialsFile)).toBe(false);
    expect(h.env).toEqual({
      HOME: h.home,
      AWS_CONFIG_FILE: h.configFile,
      AWS_SHARED_CREDENTIALS_FILE: h.credentialsFile,
      AWS_ENDPOINT_URL_SSO: 'http://127.0.0.1:4567',
      AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:4567',
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:4567',
      AWS_ENDPOINT_URL_SIGNIN: 'http://127.0.0.1:4567',
    });
    await h.cleanup();
    expect(existsSync(h.home)).toBe(false);
  });

  it('custom layout: the files outside ~/.aws, found only through the variables', async () => {
    const h = await createSandboxHome({ session: portal, layout: 'custom' });
    made.push(h.home);
    expect(h.env).toEqual({
      HOME: h.home,
      AWS_CONFIG_FILE: join(h.home, 'aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(h.home, 'aws-credentials'),
    });
    expect(await readFile(join(h.home, 'aws-config'), 'utf8')).toBe(SECTION);
    // ~/.aws is there for the caches, empty.
    expect(existsSync(join(h.home, '.aws', 'config'))).toBe(false);
    expect((await stat(join(h.home, '.aws'))).isDirectory()).toBe(true);
  });

  it('without a session there is no config file', async () => {
    const h = await createSandboxHome();
    made.push(h.home);
    expect(existsSync(h.configFile)).toBe(false);
  });

  it('a given HOME is used and kept; its section is pointed at the new portal, the rest kept', async () => {
    const home = await mkdtemp(join(tmpdir(), 'sandbox-home-test-'));
    made.push(home);
    const first = await createSandboxHome({ home, session: portal });
    await writeFile(
      first.configFile,
      `# mine\n[profile dev]\nregion = us-east-1\n\n${SECTION}\n[profile after]\nregion = eu-west-2\n`,
    );
    const moved = { ...portal, startUrl: 'https://d-2222222222.awsapps.com/start' };
    const again = await createSandboxHome({ home, session: moved });
    expect(again.home).toBe(home);
    expect(await readFile(again.configFile, 'utf8')).toBe(
      `# mine\n[profile dev]\nregion = us-east-1\n\n${ssoSessionSection(moved)}\n` +
        '[profile after]\nregion = eu-west-2\n',
    );
    await again.cleanup();
    expect(existsSync(again.configFile)).toBe(true);
  });

  it('a config without the section gets it appended after a blank line', async () => {
    const home = await mkdtemp(join(tmpdir(), 'sandbox-home-test-'));
    made.push(home);
    const file = join(home, 'config');
    await writeFile(file, '[default]\nregion = us-east-1\n\n\n');
    await writeSsoSession(file, portal);
    expect(await readFile(file, 'utf8')).toBe(`[default]\nregion = us-east-1\n\n${SECTION}`);
  });
});
