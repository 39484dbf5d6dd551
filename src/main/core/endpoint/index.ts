// The local credentials endpoint (AWS container credentials format on 127.0.0.1), its URLs and
// environment, and the state file through which other SSO Tray processes find it.
export {
  endpointShellLines,
  type EndpointAddress,
  type EndpointEnv,
  type EndpointRole,
  type ParsedRolePath,
} from './routes';
export {
  newEndpointToken,
  startCredentialsEndpoint,
  type CredentialsSource,
  type EndpointOptions,
  type RunningEndpoint,
} from './server';
export {
  endpointStatePath,
  findRunningEndpoint,
  removeEndpointState,
  writeEndpointState,
  type EndpointState,
} from './state-file';
