// The pieces of text the "Get credentials" dialog shows with a Copy button: a block of lines
// (commands, a profile) and a single named value.
import { useFlash } from '../hooks';

type OnCopy = () => Promise<boolean>;

/** Copy, then "Copied" for two seconds once the app said it copied. */
export function CopyButton({ label, onCopy }: { label: string; onCopy: OnCopy }) {
  const [copied, flash] = useFlash(2000);
  return (
    <button
      type="button"
      className={`small-button copy${copied ? ' copied' : ''}`}
      aria-label={copied ? `Copied ${label}` : `Copy ${label}`}
      onClick={() => {
        void onCopy().then((ok) => ok && flash());
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

export function CodeBlock({
  label,
  text,
  onCopy,
}: {
  label: string;
  text: string;
  onCopy: OnCopy;
}) {
  return (
    <div className="code-block">
      <pre aria-label={label} tabIndex={0}>
        <code>{text}</code>
      </pre>
      <CopyButton label={label.toLowerCase()} onCopy={onCopy} />
    </div>
  );
}

export function Value({ name, value, onCopy }: { name: string; value: string; onCopy: OnCopy }) {
  return (
    <div className="value-row">
      <span className="value-name">{name}</span>
      <code className="value" title={value} data-testid={`value-${name}`}>
        {value}
      </code>
      <CopyButton label={name} onCopy={onCopy} />
    </div>
  );
}
