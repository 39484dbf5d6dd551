// Settings → Profiles: an sso_session profile for every account and role of a session. The name
// template is checked as typed with the rule main applies (src/shared/profile-template), the
// preview (how many, the first names) follows it after a pause, and Write all / Prune write in
// one go through main, which asks in its own dialog before it removes anything. While main lists
// the session's accounts and roles, the `accounts` events it sends show how far it got.
import { useEffect, useId, useRef, useState } from 'react';
import type { StateSnapshot } from '../../../shared/ipc-views';
import {
  DEFAULT_TEMPLATE,
  TEMPLATE_FIELDS,
  templateProblem,
  type ProfilesPlan,
  type ProfilesWriteResult,
} from '../../../shared/profile-settings';
import { regionProblem, type ErrorInfo } from '../../../shared/schemas';
import { toInfo } from '../../lib/errors';
import { useApi } from '../api-context';
import { ErrorAlert } from '../ErrorAlert';
import { SelectField } from '../fields/SelectField';
import { TextField } from '../fields/TextField';
import { Spinner } from '../icons';

/** How long typing pauses before the preview is asked for again. */
const PREVIEW_DELAY_MS = 400;

interface Props {
  snapshot: StateSnapshot;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "2 to add, 1 to change, 40 up to date" — the parts that are not zero, or "all up to date". */
function previewSummary(p: ProfilesPlan): string {
  const parts: string[] = [];
  if (p.add.count > 0) parts.push(`${p.add.count} to add`);
  if (p.change.count > 0) parts.push(`${p.change.count} to change`);
  if (p.unchanged > 0) parts.push(`${p.unchanged} up to date`);
  const head = `${plural(p.roles, 'role')}, one profile each`;
  if (p.roles === 0) return 'The session has no roles.';
  return `${head}: ${parts.length > 0 ? parts.join(', ') : 'nothing to write'}.`;
}

/** What a write did, in one sentence. */
function resultText(r: ProfilesWriteResult, pruning: boolean): string {
  if (r.cancelled)
    return 'Nothing was written or removed: removing the profiles was not confirmed.';
  const wrote = r.add.count + r.change.count;
  const parts = [
    wrote > 0
      ? `Wrote ${plural(wrote, 'profile')} to ${r.file}`
      : `All ${plural(r.roles, 'profile')} in ${r.file} were already up to date`,
  ];
  if (pruning) {
    parts.push(
      r.remove.count > 0 ? `removed ${plural(r.remove.count, 'profile')}` : 'none to remove',
    );
  }
  return `${parts.join('; ')}.`;
}

function Names({ label, names }: { label: string; names: ProfilesPlan['add'] }) {
  if (names.count === 0) return null;
  const more = names.count - names.first.length;
  return (
    <div className="profiles-names">
      <span className="profiles-names-label">
        {label} ({names.count})
      </span>
      <ul aria-label={label}>
        {names.first.map((n) => (
          <li key={n}>{n}</li>
        ))}
        {more > 0 ? <li className="muted">and {more} more</li> : null}
      </ul>
    </div>
  );
}

export function ProfilesSection({ snapshot }: Props) {
  const api = useApi();
  const ids = useId();
  const usable = snapshot.sessions.filter((s) => s.kind === 'sso-session');
  const [session, setSession] = useState(
    usable.find((s) => s.name === snapshot.activeSession)?.name ?? usable[0]?.name ?? '',
  );
  const current = usable.find((s) => s.name === session);
  const signedIn = current?.status === 'signed-in';
  const [template, setTemplate] = useState(DEFAULT_TEMPLATE);
  const [region, setRegion] = useState('');
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  const [preview, setPreview] = useState<ProfilesPlan | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [progress, setProgress] = useState<{ rolesLoaded: number; accounts: number } | null>(null);
  const [busy, setBusy] = useState<'write' | 'prune' | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const asked = useRef(0);

  const tProblem = templateProblem(template);
  const rText = region.trim();
  const rProblem = rText === '' ? null : regionProblem(rText);
  const effectiveRegion = rText === '' ? current?.region : rText;
  const valid = tProblem === null && rProblem === null && loadedFor === session;

  // The session's saved template and region, when the session changes.
  useEffect(() => {
    if (session === '') return;
    let live = true;
    api
      .getProfileSettings({ session })
      .then((s) => {
        if (!live) return;
        setTemplate(s.template);
        setRegion(s.region ?? '');
        setLoadedFor(session);
      })
      .catch((e: unknown) => live && setError(toInfo(e)));
    return () => {
      live = false;
    };
  }, [api, session]);

  // The listing's progress, while main lists this session.
  useEffect(() => {
    if (session === '') return;
    return api.onAccounts((e) => {
      if (e.session !== session) return;
      setProgress(e.loading ? e.progress : null);
    });
  }, [api, session]);

  // The preview, after a pause in typing; only the answer to the last question is shown.
  useEffect(() => {
    if (!valid || !signedIn || effectiveRegion === undefined) return;
    const n = ++asked.current;
    const timer = setTimeout(() => {
      setPreviewing(true);
      api
        .previewProfiles({ session, template, region: effectiveRegion })
        .then((p) => {
          if (n !== asked.current) return;
          setPreview(p);
          setError(null);
        })
        .catch((e: unknown) => n === asked.current && setError(toInfo(e)))
        .finally(() => n === asked.current && setPreviewing(false));
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [api, session, template, effectiveRegion, valid, signedIn]);

  async function write(prune: boolean) {
    if (!valid || effectiveRegion === undefined) return;
    setBusy(prune ? 'prune' : 'write');
    setResult(null);
    setError(null);
    const n = ++asked.current;
    try {
      const r = await api.writeProfiles({ session, template, region: effectiveRegion, prune });
      setResult(resultText(r, prune));
      if (n === asked.current) setPreview(r.cancelled ? r : null);
      // what is on disk now: the next preview says "up to date"
      if (!r.cancelled) {
        const p = await api.previewProfiles({ session, template, region: effectiveRegion });
        if (n === asked.current) setPreview(p);
      }
    } catch (e) {
      setError(toInfo(e));
    } finally {
      setBusy(null);
    }
  }

  const listing = previewing || busy !== null ? progress : null;
  const stale = preview !== null && (preview.template !== template || previewing);

  return (
    <section className="profiles-section" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`} className="section-title">
        Profiles
      </h2>
      <p className="muted small">
        An <code>sso_session</code> profile for every account and role of a session, written into{' '}
        {snapshot.configFile} in one go. Only profiles SSO Tray wrote are changed or removed.
      </p>
      {usable.length === 0 ? (
        <p className="muted">Add an [sso-session] under Sessions first.</p>
      ) : (
        <form
          className="profiles-form"
          aria-labelledby={`${ids}-title`}
          noValidate
          // Enter in a field writes nothing: only the buttons do
          onSubmit={(e) => e.preventDefault()}
        >
          <SelectField
            id={`${ids}-session`}
            label="Session"
            options={usable.map((s) => ({ value: s.name, label: s.name }))}
            value={session}
            onChange={(v) => {
              setSession(v);
              setLoadedFor(null);
              setPreview(null);
              setResult(null);
              setError(null);
            }}
          />
          <TextField
            id={`${ids}-template`}
            label="Profile names"
            value={template}
            spellCheck={false}
            autoComplete="off"
            error={tProblem}
            hint={`Placeholders: ${TEMPLATE_FIELDS.map((f) => `{${f}}`).join(' ')}. The default is ${DEFAULT_TEMPLATE}.`}
            onChange={(v) => {
              setTemplate(v);
              setResult(null);
            }}
          />
          <TextField
            id={`${ids}-region`}
            label="Region of the profiles"
            value={region}
            placeholder={current?.region}
            spellCheck={false}
            autoComplete="off"
            error={rProblem}
            hint={`Empty: the session's region (${current?.region ?? ''}).`}
            onChange={(v) => {
              setRegion(v);
              setResult(null);
            }}
          />
          <div
            className="profiles-preview"
            role="status"
            aria-live="polite"
            aria-busy={previewing || busy !== null}
            aria-label="Preview"
            data-stale={stale}
          >
            {!signedIn ? (
              <p className="muted">Sign in to {session} to see and write its profiles.</p>
            ) : listing !== null ? (
              <p>
                <Spinner /> Listing the accounts and roles of {session}: roles of{' '}
                {listing.rolesLoaded} of {listing.accounts} accounts…
              </p>
            ) : preview === null ? (
              previewing ? (
                <p>
                  <Spinner /> Preparing the preview…
                </p>
              ) : null
            ) : preview.problem !== null ? (
              <p className="field-error">{preview.problem}</p>
            ) : (
              <>
                <p>{previewSummary(preview)}</p>
                <Names label="To add" names={preview.add} />
                <Names label="To change" names={preview.change} />
                {preview.add.count + preview.change.count === 0 ? (
                  <Names label="Profile names" names={preview.names} />
                ) : null}
                {preview.remove.count > 0 ? (
                  <Names label="Prune would remove" names={preview.remove} />
                ) : (
                  <p className="muted small">Prune would remove nothing.</p>
                )}
                <Names label="Changed by hand, never pruned" names={preview.keptChanged} />
                {preview.sessionAdded ? (
                  <p className="muted small">[sso-session {session}] is added as well.</p>
                ) : null}
              </>
            )}
          </div>
          <ErrorAlert error={error} />
          <div className="button-row">
            <button
              type="button"
              className="primary"
              disabled={!valid || !signedIn || busy !== null}
              onClick={() => void write(false)}
            >
              {busy === 'write' ? <Spinner /> : null}
              Write all
            </button>
            <button
              type="button"
              className="danger"
              disabled={!valid || !signedIn || busy !== null}
              aria-describedby={`${ids}-prune-hint`}
              onClick={() => void write(true)}
            >
              {busy === 'prune' ? <Spinner /> : null}
              Prune…
            </button>
            <span id={`${ids}-prune-hint`} className="muted small">
              Writes all, then removes the profiles an earlier write made that no role calls for;
              SSO Tray asks first.
            </span>
          </div>
          <p role="status" className="success small">
            {result ?? ''}
          </p>
        </form>
      )}
    </section>
  );
}
