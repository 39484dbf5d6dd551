// Option 1: the three environment-variable commands for the selected shell.
import { formatEnv } from '../../../shared/credential-formats';
import type { RoleCredentials } from '../../../shared/schemas';
import type { RoleCredentialsState } from '../useRoleCredentials';
import { CodeBlock } from './CodeBlock';
import type { ShellTab } from './ShellTabs';

interface Props {
  ids: string;
  creds: RoleCredentials;
  tab: ShellTab;
  copy: RoleCredentialsState['copy'];
}

export function EnvOption({ ids, creds, tab, copy }: Props) {
  return (
    <section className="option" aria-labelledby={`${ids}-o1`}>
      <h3 id={`${ids}-o1`}>Option 1: Set AWS environment variables</h3>
      <p className="muted small">
        Paste these commands in your terminal ({tab.label}) to use the credentials there.
      </p>
      <CodeBlock
        label={`Environment variables for ${tab.label}`}
        text={formatEnv(creds, tab.shell)}
        onCopy={() => copy(tab.id, 'the commands')}
      />
    </section>
  );
}
