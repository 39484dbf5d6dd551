// A session's "Open console" settings: the way (the access portal's link or the direct sign-in),
// the page and region of the direct sign-in, and the browser with its profile or Firefox
// container. Loaded from main when shown, saved through console.setSettings (main validates).
import { useEffect, useId, useState, type FormEvent } from 'react';
import {
  BROWSERS,
  CHROMIUM_BROWSERS,
  browserWordProblem,
  destinationProblem,
  type BrowserName,
  type ConsoleSettings,
  type ConsoleWay,
} from '../../../shared/console-settings';
import { regionProblem } from '../../../shared/schemas';
import { errorMessage, toInfo } from '../../lib/errors';
import { useApi } from '../api-context';
import { optionsOf, SelectField } from '../fields/SelectField';
import { TextField } from '../fields/TextField';

const BROWSER_OPTIONS = optionsOf<BrowserName>(BROWSERS, {
  default: 'Default browser',
  chrome: 'Google Chrome',
  edge: 'Microsoft Edge',
  brave: 'Brave',
  firefox: 'Firefox',
});

interface Props {
  session: string;
  onDone: (saved: boolean) => void;
}

export function ConsoleSettingsForm({ session, onDone }: Props) {
  const api = useApi();
  const ids = useId();
  const [loaded, setLoaded] = useState(false);
  const [way, setWay] = useState<ConsoleWay>('shortcut');
  const [destination, setDestination] = useState('');
  const [region, setRegion] = useState('');
  const [browser, setBrowser] = useState<BrowserName>('default');
  const [profile, setProfile] = useState('');
  const [container, setContainer] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api
      .getConsoleSettings({ session })
      .then((s) => {
        if (!live) return;
        setWay(s.way);
        setDestination(s.destination ?? '');
        setRegion(s.region ?? '');
        setBrowser(s.browser.browser);
        setProfile(s.browser.profile ?? '');
        setContainer(s.browser.container ?? '');
        setLoaded(true);
      })
      .catch((e: unknown) => live && setError(errorMessage(toInfo(e))));
    return () => {
      live = false;
    };
  }, [api, session]);

  const direct = way === 'direct';
  const hasProfile = browser !== 'default';
  const isFirefox = browser === 'firefox';
  const problem =
    (direct && destination.trim() !== '' ? destinationProblem(destination.trim()) : null) ??
    (direct && region.trim() !== '' ? regionProblem(region.trim()) : null) ??
    (hasProfile && profile.trim() !== '' ? browserWordProblem('profile', profile.trim()) : null) ??
    (isFirefox && container.trim() !== ''
      ? browserWordProblem('container', container.trim())
      : null);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (problem !== null) {
      setError(problem);
      return;
    }
    const settings: ConsoleSettings = {
      way,
      ...(direct && destination.trim() !== '' ? { destination: destination.trim() } : {}),
      ...(direct && region.trim() !== '' ? { region: region.trim() } : {}),
      browser: {
        browser,
        ...(hasProfile && profile.trim() !== '' ? { profile: profile.trim() } : {}),
        ...(isFirefox && container.trim() !== '' ? { container: container.trim() } : {}),
      },
    };
    try {
      await api.setConsoleSettings({ session, settings });
      setError(null);
      onDone(true);
    } catch (err) {
      setError(errorMessage(toInfo(err)));
    }
  }

  return (
    <form
      className="console-settings"
      aria-label={`Console settings for ${session}`}
      onSubmit={save}
      noValidate
    >
      <fieldset disabled={!loaded}>
        <legend>Open console</legend>
        <label className="radio">
          <input
            type="radio"
            name={`${ids}-way`}
            value="shortcut"
            checked={way === 'shortcut'}
            onChange={() => setWay('shortcut')}
          />
          Access portal link (uses the portal&apos;s session in the browser)
        </label>
        <label className="radio">
          <input
            type="radio"
            name={`${ids}-way`}
            value="direct"
            checked={direct}
            onChange={() => setWay('direct')}
          />
          Direct sign-in with the role&apos;s credentials
        </label>
        {direct ? (
          <>
            <TextField
              id={`${ids}-dest`}
              label="Console page (optional)"
              value={destination}
              placeholder="/ec2/home"
              spellCheck={false}
              onChange={setDestination}
            />
            <TextField
              id={`${ids}-region`}
              label="Console region (optional)"
              value={region}
              placeholder="the session's region"
              spellCheck={false}
              onChange={setRegion}
            />
          </>
        ) : null}
        <SelectField
          id={`${ids}-browser`}
          label="Browser"
          options={BROWSER_OPTIONS}
          value={browser}
          onChange={setBrowser}
        />
        {hasProfile ? (
          <TextField
            id={`${ids}-profile`}
            label={
              CHROMIUM_BROWSERS.includes(browser)
                ? 'Profile folder (optional, e.g. Profile 1)'
                : 'Profile name (optional)'
            }
            value={profile}
            spellCheck={false}
            onChange={setProfile}
          />
        ) : null}
        {isFirefox ? (
          <TextField
            id={`${ids}-container`}
            label="Container (optional)"
            value={container}
            spellCheck={false}
            describedBy={`${ids}-container-hint`}
            onChange={setContainer}
          >
            <p id={`${ids}-container-hint`} className="muted">
              Needs the Firefox add-on &quot;Open external links in a container&quot;.
            </p>
          </TextField>
        ) : null}
      </fieldset>
      {error !== null ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="primary" disabled={!loaded}>
          Save
        </button>
        <button type="button" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
