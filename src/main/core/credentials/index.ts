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
  writeCredentialProcessProfile,
  resolveCliCommand,
  credentialProcessCommand,
  configProfileHeader,
  quoteArg,
  type WriteSsoProfileArgs,
  type WriteSsoProfileResult,
  type WriteCredentialProcessProfileArgs,
} from './config-file';
export { writtenProfilesPath } from './written-profiles';
