// The real services behind the app core's ports (tests and hosts may pass their own).
import type { Env } from '../aws-paths';
import { listWrittenProfiles, writeProfile, writeSsoProfile } from '../credentials';
import { SsoCore } from '../sso';
import type { ProfileWriterPort, SsoPort } from './ports';
import { verifyWithSts } from './sts-verify';

export function defaultSso(env: Env): SsoPort {
  return new SsoCore({ env });
}

export function defaultProfileWriter(): ProfileWriterPort {
  return {
    writeProfile: (args) => writeProfile(args),
    writeSsoProfile: (args) => writeSsoProfile(args),
    listWritten: (env) => listWrittenProfiles(env),
    verify: (args) => verifyWithSts(args),
  };
}
