// The small HTML pages a person sees during sign-in: the device-code approval page at the
// verification URI and the consent page of `/authorize`.
import type { Reply } from './http';

export function escapeHtml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
  main { width: min(26rem, 90vw); padding: 2rem; border: 1px solid color-mix(in srgb, CanvasText 20%, transparent); border-radius: 12px; }
  h1 { font-size: 1.3rem; margin: 0 0 .5rem; }
  p { line-height: 1.45; }
  .badge { font-size: .8rem; text-transform: uppercase; letter-spacing: .08em; opacity: .7; margin: 0 0 1rem; }
  .code { font: 600 2rem/1.2 ui-monospace, "SF Mono", Menlo, Consolas, monospace; letter-spacing: .12em; text-align: center; padding: .75rem; border-radius: 8px; background: color-mix(in srgb, CanvasText 8%, transparent); margin: 1rem 0; }
  .actions { display: flex; gap: .75rem; margin-top: 1.25rem; }
  .actions form { flex: 1; }
  button { width: 100%; font: inherit; font-weight: 600; padding: .65rem 1rem; border-radius: 8px; border: 1px solid transparent; cursor: pointer; }
  button.approve { background: #1f6feb; color: #fff; }
  button.deny { background: transparent; color: inherit; border-color: color-mix(in srgb, CanvasText 35%, transparent); }
  button:focus-visible, input:focus-visible { outline: 3px solid #f0b400; outline-offset: 2px; }
  label { display: block; font-weight: 600; margin-bottom: .4rem; }
  input { width: 100%; box-sizing: border-box; font: 600 1.2rem ui-monospace, monospace; padding: .5rem; border-radius: 8px; border: 1px solid color-mix(in srgb, CanvasText 35%, transparent); text-transform: uppercase; }
  .error { color: #d1242f; }
`;

function page(status: number, title: string, content: string, formTargets = "'self'"): Reply {
  return {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action ${formTargets}; base-uri 'none'; frame-ancestors 'none'`,
      'Cache-Control': 'no-store',
    },
    body:
      `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
      `<meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
      `<body><main><p class="badge">AWS IAM Identity Center · local emulator</p>${content}</main></body></html>\n`,
  };
}

export function deviceEntryPage(message?: string, status = 200): Reply {
  return page(
    status,
    'Authorize request',
    `<h1>Authorize request</h1>` +
      (message
        ? `<p class="error" role="alert">${escapeHtml(message)}</p>`
        : '<p>Enter the code shown by the application.</p>') +
      `<form method="get" action="/device"><label for="user_code">Code</label>` +
      `<input id="user_code" name="user_code" autocomplete="off" autofocus required pattern="[A-Za-z]{4}-?[A-Za-z]{4}">` +
      `<div class="actions"><button class="approve" type="submit">Next</button></div></form>`,
  );
}

export function deviceApprovalPage(userCode: string, clientName: string): Reply {
  const code = escapeHtml(userCode);
  return page(
    200,
    'Authorize request',
    `<h1>Authorize request</h1>` +
      `<p><strong>${escapeHtml(clientName)}</strong> wants to access your AWS accounts. Check that this code matches the one the application shows:</p>` +
      `<div class="code" aria-label="User code">${code}</div>` +
      `<div class="actions">` +
      `<form method="post" action="/device/approve"><input type="hidden" name="user_code" value="${code}"><button class="approve" type="submit">Approve</button></form>` +
      `<form method="post" action="/device/deny"><input type="hidden" name="user_code" value="${code}"><button class="deny" type="submit">Deny</button></form>` +
      `</div>`,
  );
}

export function resultPage(title: string, message: string, status = 200): Reply {
  return page(status, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

export function authorizeApprovalPage(
  requestId: string,
  clientName: string,
  scopes: readonly string[],
): Reply {
  const id = escapeHtml(requestId);
  return page(
    200,
    'Allow access',
    `<h1>Allow access?</h1>` +
      `<p><strong>${escapeHtml(clientName)}</strong> wants to access your AWS accounts` +
      (scopes.length ? ` (${scopes.map(escapeHtml).join(', ')})` : '') +
      `.</p><div class="actions">` +
      `<form method="post" action="/authorize/approve"><input type="hidden" name="request" value="${id}"><button class="approve" type="submit">Approve</button></form>` +
      `<form method="post" action="/authorize/deny"><input type="hidden" name="request" value="${id}"><button class="deny" type="submit">Deny</button></form>` +
      `</div>`,
    // The approval answers with a redirect to the app's loopback server; browsers apply
    // form-action to that redirect too.
    "'self' http://127.0.0.1:* http://localhost:* http://[::1]:*",
  );
}

export function indexPage(url: string, startUrl: string): Reply {
  return page(
    200,
    'Local AWS emulator',
    `<h1>Local AWS emulator</h1><p>SSO OIDC, the SSO portal API and STS are served at <code>${escapeHtml(url)}</code> for the start URL <code>${escapeHtml(startUrl)}</code>.</p>` +
      `<p><a href="/device">Enter a sign-in code</a></p>`,
  );
}

/** What the emulator's stand-in console shows after a federation sign-in. */
export function consolePage(s: {
  accountId: string;
  accountName: string | undefined;
  roleName: string;
  destination: string;
  userName: string;
}): Reply {
  const account =
    s.accountName === undefined
      ? escapeHtml(s.accountId)
      : `${escapeHtml(s.accountName)} (<span data-testid="account-id">${escapeHtml(s.accountId)}</span>)`;
  return page(
    200,
    'AWS Management Console',
    `<h1>AWS Management Console</h1>` +
      `<p>Signed in as <strong data-testid="role">${escapeHtml(s.roleName)}</strong>/${escapeHtml(s.userName)} ` +
      `in the account <strong data-testid="account">${account}</strong>.</p>` +
      `<p>Page: <code data-testid="destination">${escapeHtml(s.destination)}</code></p>`,
  );
}
