// Plain data shared by every front end (renderer, CLI, tray). No Node or DOM imports here.

export interface Account {
  accountId: string;
  accountName: string;
  emailAddress: string;
}

/** AWS account ids are 12 digits. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
/** IAM role names (and so permission set names): 1–64 of letters, digits and `+=,.@_-`. */
export const ROLE_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;

export interface Role {
  accountId: string;
  roleName: string;
}

/** Temporary role credentials. `expiration` is epoch milliseconds, as the portal API returns it. */
export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: number;
}

/** The kinds of failure a UI can show in plain words. */
export const ERROR_CODES = [
  'NOT_SIGNED_IN', // no token for this session
  'SESSION_EXPIRED', // token expired and refresh failed: sign in again
  'ACCESS_DENIED', // the portal refused this account or role
  'THROTTLED', // still throttled after every retry
  'NETWORK', // the endpoint could not be reached
  'INVALID_START_URL',
  'INVALID_REGION',
  'AUTH_DENIED', // the user denied the sign-in request
  'AUTH_EXPIRED', // the sign-in request expired before it was approved
  'CANCELLED', // the user cancelled the sign-in
  'INVALID_INPUT', // bad argument, profile name, ...
  'FILE', // a file could not be read or written safely
  'PROFILE_NOT_OURS', // the profile exists and SSO Tray did not write it: replace only if the user confirms
  'CONFIG', // the AWS config file is missing something or contradicts itself
  'AWS', // any other AWS error
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The wire form of an error: what crosses IPC or is printed by the CLI. Never holds secrets. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}
