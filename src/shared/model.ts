// Plain data shared by every front end (renderer, CLI, tray). The types are inferred from the
// schemas in ./schemas, the one home of each rule; this module only names them for importers.
export {
  ACCOUNT_ID_PATTERN,
  ERROR_CODES,
  ROLE_NAME_PATTERN,
  type Account,
  type ErrorCode,
  type ErrorInfo,
  type Role,
  type RoleCredentials,
} from './schemas';
