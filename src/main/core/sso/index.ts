// The SSO core: sign-in flows, the AWS-compatible token cache and the portal API client.
export {
  SsoCore,
  TOKEN_REFRESH_WINDOW_MS,
  ROLE_CREDENTIALS_MARGIN_MS,
  type SessionState,
  type SessionStatus,
  type LoginPrompt,
  type LoginOptions,
  type SsoCoreOptions,
} from './core';
export { type SsoSessionConfig, DEFAULT_SCOPES } from './config';
export {
  type RoleCredentialsCache,
  memoryRoleCredentialsCache,
  fileRoleCredentialsCache,
  roleCredentialsCacheKey,
  roleCredentialsCacheDir,
} from './role-credentials-cache';
export { resolveEndpoint, type SsoService } from './endpoints';
export {
  RateLimiter,
  runLimited,
  systemClock,
  type Clock,
  type RateLimiterOptions,
} from './rate-limiter';
export { validateRegion, validateStartUrl, sessionNameFromStartUrl } from './validate';
export { tokenFilePath, readTokenFile, writeTokenFile, type CachedToken } from './cache-files';
export { parseAwsTime, formatCliTime } from './time';
export { toSsoTrayError, redact } from './aws-errors';
