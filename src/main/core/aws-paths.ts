import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

/** The user's home as the AWS CLI and the JS SDK resolve it: HOME, then USERPROFILE, then HOMEPATH. */
export function awsHome(env: Env = process.env): string {
  return env.HOME || env.USERPROFILE || (env.HOMEDRIVE ?? '') + (env.HOMEPATH ?? '') || homedir();
}

function expandTilde(p: string, env: Env): string {
  return p === '~' || p.startsWith('~/') ? join(awsHome(env), p.slice(1)) : p;
}

export interface AwsPaths {
  home: string;
  configFile: string;
  credentialsFile: string;
  ssoCacheDir: string;
}

/** Where the AWS files live, honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE. */
export function awsPaths(env: Env = process.env): AwsPaths {
  const home = awsHome(env);
  return {
    home,
    configFile: resolve(expandTilde(env.AWS_CONFIG_FILE || join(home, '.aws', 'config'), env)),
    credentialsFile: resolve(
      expandTilde(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials'), env),
    ),
    ssoCacheDir: join(home, '.aws', 'sso', 'cache'),
  };
}
