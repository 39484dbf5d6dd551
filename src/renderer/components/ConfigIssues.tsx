// What in the user's AWS config file SSO Tray cannot use, each with its reason and the fix. Shown
// on the sign-in screen and in Settings; it never stops the sessions that do work.
import type { ConfigIssueView } from '../../shared/ipc-views';

interface Props {
  /** The config file's path, as main reports it. */
  file: string;
  issues: readonly ConfigIssueView[];
}

export function ConfigIssues({ file, issues }: Props) {
  if (issues.length === 0) return null;
  const what = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return (
    <details className="config-issues">
      <summary>
        {what} in <span className="path">{file}</span>
      </summary>
      <ul aria-label={`Problems in ${file}`}>
        {issues.map((i) => (
          <li key={`${i.line}\u0000${i.reason}`} className="config-issue">
            <span className="config-issue-where">
              {i.section === null ? 'The file' : `[${i.section}]`}
              {i.line > 0 ? ` · line ${i.line}` : ''}
            </span>
            <span className="config-issue-reason">{i.reason}</span>
            <span className="config-issue-fix">{i.fix}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
