// Takes out of a text anything shaped like a secret, so neither a log line nor an error message
// can carry one: AWS access key ids, JWTs, bearer tokens, and any long run of token characters.
// A long run that is plainly a file path or a URL made of short parts (`/home/me/.aws/config`,
// `https://d-1234567890.awsapps.com/start`) stays readable: a secret has no short path segments.

// no word boundary before: a key id glued to other text (`id=AKIA…`, `xxAKIA…`) is still one
const KEY_ID = /(?:AKIA|ASIA|AROA|AIDA|ABIA|ACCA)[A-Z0-9]{12,}/g;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?/g;
const BEARER = /\b(bearer)\s+\S+/gi;
const LONG_RUN = /[A-Za-z0-9+/=_\-.:~\\]{32,}/g;
const PATH_START = /^(?:\/|~\/|\.\.?\/|[A-Za-z]:\\|[a-z][a-z0-9+.-]*:\/\/)/;
/** No part of a readable path or host name is this long (SHA-1 file names are: hidden too). */
const MAX_PART = 24;
/** An AWS secret access key: 40 characters of base64 without padding. */
const SECRET_ACCESS_KEY = /^[A-Za-z0-9/+]{40}$/;

function pathLike(run: string): boolean {
  if (!PATH_START.test(run) || SECRET_ACCESS_KEY.test(run)) return false;
  return run
    .split(/[/\\]/)
    .every((segment) => segment.split('.').every((part) => part.length < MAX_PART));
}

export function redactSecrets(text: string): string {
  return text
    .replace(BEARER, '$1 [redacted]')
    .replace(JWT, '[redacted]')
    .replace(KEY_ID, '[redacted]')
    .replace(LONG_RUN, (run) => (pathLike(run) ? run : '[redacted]'));
}

/** redactSecrets, on one line, at most `max` characters: what a message may quote. */
export function redact(text: string, max = 300): string {
  const cut = redactSecrets(text).replace(/[\r\n\u2028\u2029]+/g, ' ');
  return cut.length > max ? `${cut.slice(0, max - 3)}...` : cut;
}
