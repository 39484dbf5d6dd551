// The real services behind the app core's ports (tests and hosts may pass their own).
import type { Env } from '../aws-paths';
import { listWrittenProfiles, writeProfile, writeSsoProfile } from '../credentials';
import { SsoCore } from '../sso';
import type { ProfileWriterPort, SsoPort } from './ports';
import { verifyWithSts } from './sts-verify';
import type { Logger } from '../log/logger';

export function defaultSso(env: Env, logger?: Logger): SsoPort {
  return new SsoCore({ env, ...(logger === undefined ? {} : { logger }) });
}

export function defaultProfileWriter(): ProfileWriterPort {
  return {
    writeProfile: (args) => writeProfile(args),
    writeSsoProfile: (args) => writeSsoProfile(args),
    listWritten: (env) => listWrittenProfiles(env),
    verify: (args) => verifyWithSts(args),
  };
}
