// Writing credentials where the AWS tools read them: the shared credentials file, the config
// file (sso_session and credential_process profiles), and the record of what SSO Tray wrote.
export {
  writeProfile,
  removeProfile,
  listWrittenProfiles,
  checkProfileName,
  type WriteProfileArgs,
  type WriteProfileResult,
  type RemoveProfileArgs,
  type WrittenProfile,
} from './credentials-file';
export {
  writeSsoProfile,
  type WriteSsoProfileArgs,
  type WriteSsoProfileResult,
} from './config-file';
export {
  writeCredentialProcessProfile,
  resolveCliCommand,
  type WriteCredentialProcessProfileArgs,
} from './credential-process';
