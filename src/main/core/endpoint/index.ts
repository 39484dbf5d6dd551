// The local credentials endpoint (AWS container credentials format on 127.0.0.1), its URLs and
// environment, and the state file through which other SSO Tray processes find it.
export {
  ENDPOINT_HOST,
  FULL_URI_VARIABLE,
  TOKEN_VARIABLE,
  endpointEnv,
  endpointShellLines,
  parseRolePath,
  rolePath,
  roleUrl,
  type EndpointAddress,
  type EndpointEnv,
  type EndpointRole,
  type ParsedRolePath,
} from './routes';
export {
  ENDPOINT_MIN_VALIDITY_MS,
  checkBindHost,
  hostMatches,
  newEndpointToken,
  startCredentialsEndpoint,
  tokenMatches,
  type CredentialsSource,
  type EndpointOptions,
  type RunningEndpoint,
} from './server';
export {
  endpointStatePath,
  findRunningEndpoint,
  probeEndpoint,
  removeEndpointState,
  writeEndpointState,
  type EndpointState,
} from './state-file';
