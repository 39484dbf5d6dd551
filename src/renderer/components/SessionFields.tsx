// The start URL and region fields of a new sign-in session, validated as typed. The sign-in screen
// and the "Add a session" form of Settings both use them.
// The plain rules, not their zod schemas: this module is on the window's start path (the sign-in
// screen), which loads no zod.
import { regionProblem, startUrlMessage, startUrlProblem } from '../../shared/rules';
import { AWS_REGIONS, isKnownRegion } from '../lib/regions';

export function validateStartUrl(value: string): string | null {
  if (value.trim() === '') return 'Enter the start URL of your AWS access portal.';
  const problem = startUrlProblem(value.trim());
  return problem === null ? null : startUrlMessage(problem);
}

export function validateRegion(value: string): string | null {
  const v = value.trim();
  if (v === '') return 'Choose the region of your IAM Identity Center.';
  if (regionProblem(v) !== null || !isKnownRegion(v)) {
    return `“${v}” is not an AWS region. Pick one from the list, e.g. us-east-1.`;
  }
  return null;
}

interface Props {
  /** A `useId()` prefix, unique per form. */
  ids: string;
  startUrl: string;
  region: string;
  onStartUrl: (value: string) => void;
  onRegion: (value: string) => void;
  /** After a submit attempt, errors of empty fields show too. */
  submitted: boolean;
}

export function SessionFields({ ids, startUrl, region, onStartUrl, onRegion, submitted }: Props) {
  const urlError = validateStartUrl(startUrl);
  const regionError = validateRegion(region);
  const showUrlError = urlError !== null && (submitted || startUrl !== '');
  const showRegionError = regionError !== null && (submitted || region !== '');
  return (
    <>
      <div className="field">
        <label htmlFor={`${ids}-url`}>Start URL</label>
        <input
          id={`${ids}-url`}
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          placeholder="https://d-1234567890.awsapps.com/start"
          value={startUrl}
          onChange={(e) => onStartUrl(e.target.value)}
          aria-invalid={showUrlError}
          aria-describedby={showUrlError ? `${ids}-url-error` : `${ids}-url-hint`}
        />
        {showUrlError ? (
          <p id={`${ids}-url-error`} className="field-error">
            {urlError}
          </p>
        ) : (
          <p id={`${ids}-url-hint`} className="field-hint">
            The address of your AWS access portal.
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${ids}-region`}>Region</label>
        <input
          id={`${ids}-region`}
          list={`${ids}-regions`}
          spellCheck={false}
          autoComplete="off"
          value={region}
          onChange={(e) => onRegion(e.target.value)}
          aria-invalid={showRegionError}
          aria-describedby={showRegionError ? `${ids}-region-error` : undefined}
        />
        <datalist id={`${ids}-regions`}>
          {AWS_REGIONS.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </datalist>
        {showRegionError ? (
          <p id={`${ids}-region-error`} className="field-error">
            {regionError}
          </p>
        ) : null}
      </div>
    </>
  );
}
