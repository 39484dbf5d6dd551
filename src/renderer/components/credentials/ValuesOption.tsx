// Option 3: the three values one by one, each with its own Copy.
import type { RoleCredentials } from '../../../shared/schemas';
import type { RoleCredentialsState } from '../useRoleCredentials';
import { Value } from './CodeBlock';

interface Props {
  ids: string;
  creds: RoleCredentials;
  copy: RoleCredentialsState['copy'];
}

export function ValuesOption({ ids, creds, copy }: Props) {
  return (
    <section className="option" aria-labelledby={`${ids}-o3`}>
      <h3 id={`${ids}-o3`}>Option 3: Use individual values</h3>
      <Value
        name="AWS_ACCESS_KEY_ID"
        value={creds.accessKeyId}
        onCopy={() => copy('accessKeyId', 'AWS_ACCESS_KEY_ID')}
      />
      <Value
        name="AWS_SECRET_ACCESS_KEY"
        value={creds.secretAccessKey}
        onCopy={() => copy('secretAccessKey', 'AWS_SECRET_ACCESS_KEY')}
      />
      <Value
        name="AWS_SESSION_TOKEN"
        value={creds.sessionToken}
        onCopy={() => copy('sessionToken', 'AWS_SESSION_TOKEN')}
      />
    </section>
  );
}
