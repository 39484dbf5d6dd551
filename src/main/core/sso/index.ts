// The SSO core: sign-in flows, the AWS-compatible token cache and the portal API client.
export {
  SsoCore,
  ROLE_CREDENTIALS_MARGIN_MS,
  type SessionState,
  type SessionStatus,
  type LoginPrompt,
  type LoginOptions,
  type SsoCoreOptions,
} from './core';
export { type SsoSessionConfig } from './config';
export {
  type RoleCredentialsCache,
  fileRoleCredentialsCache,
  roleCredentialsCacheKey,
  roleCredentialsCacheDir,
} from './role-credentials-cache';
export { type SsoService } from './endpoints';
export { type Clock, type RateLimiterOptions } from './rate-limiter';
export { tokenFilePath, type CachedToken } from './cache-files';

export { toSsoTrayError, redact } from './aws-errors';
