// The web host's side of the window's transport, without the contract: requests over HTTP and
// events over server-sent events, as raw JSON. The window's entry uses it to send its first
// requests before zod and the contract are loaded; web-bridge.ts wraps it in the api.
//   request: POST /api/invoke/<channel>, `Authorization: Bearer <token>`, JSON payload body;
//            the response body is the envelope JSON ({ok:true,value} | {ok:false,error}).
//   events:  EventSource /api/events?token=<token>, SSE `event: <name>` + `data: <json>` (the
//            only route that takes the token in the query: EventSource cannot send headers).
// The token arrives once in the page URL (`?token=`) and is then removed from the address bar.
// Imports types only from the contract: this module must not load zod.
import type { EventName } from '../shared/ipc-contract';
import type { Transport } from '../shared/ipc-renderer';

export interface WebBridgeEnv {
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
  fetch: typeof fetch;
  EventSource: typeof EventSource;
  sessionStorage?: Pick<Storage, 'getItem' | 'setItem'>;
  /** Opens a page the app asked the OS browser to open (the web host's `openExternal` event). */
  openWindow?: (url: string) => void;
}

export interface WebTransport extends Transport {
  /** Opens the event stream now instead of at the first subscription. */
  connect(): void;
}

const TOKEN_KEY = 'sso-tray-web-token';

/** Reads the token from the URL (then strips it) or from this tab's session storage. */
export function takeToken(env: Pick<WebBridgeEnv, 'location' | 'history' | 'sessionStorage'>) {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null && fromUrl !== '') {
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', url.pathname + url.search + url.hash);
    // Kept for this tab only, so a reload still works after the address bar was cleaned.
    env.sessionStorage?.setItem(TOKEN_KEY, fromUrl);
    return fromUrl;
  }
  return env.sessionStorage?.getItem(TOKEN_KEY) ?? '';
}

export function createWebTransport(env: WebBridgeEnv): WebTransport {
  const token = takeToken(env);
  let source: EventSource | null = null;
  const listeners = new Map<EventName, Set<(data: unknown) => void>>();
  const attached = new Set<EventName>();

  function events(): EventSource {
    if (source === null) {
      source = new env.EventSource(`/api/events?token=${encodeURIComponent(token)}`);
      // The web host's stand-in for shell.openExternal (sign-in page, console): a new tab. The
      // host only sends URLs that passed the app's allow-list; still, only http(s) is opened.
      source.addEventListener('openExternal', (message) => {
        try {
          const { url } = JSON.parse((message as MessageEvent<string>).data) as { url?: unknown };
          if (typeof url === 'string' && /^https?:\/\//.test(url)) env.openWindow?.(url);
        } catch {
          // Malformed event: ignored.
        }
      });
    }
    return source;
  }

  return {
    connect() {
      events();
    },
    async invoke(channel, payload) {
      const response = await env.fetch(`/api/invoke/${channel}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(payload ?? {}),
      });
      return (await response.json()) as unknown;
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (set === undefined) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      if (!attached.has(event)) {
        attached.add(event);
        events().addEventListener(event, (message) => {
          let data: unknown;
          try {
            data = JSON.parse((message as MessageEvent<string>).data);
          } catch {
            return;
          }
          listeners.get(event)?.forEach((l) => l(data));
        });
      }
      return () => {
        set.delete(listener);
      };
    },
  };
}

/** The page's own environment. */
export function pageEnv(): WebBridgeEnv {
  return {
    location: window.location,
    history: window.history,
    fetch: window.fetch.bind(window),
    EventSource: window.EventSource,
    sessionStorage: window.sessionStorage,
    openWindow: (url) => {
      window.open(url, '_blank', 'noopener');
    },
  };
}
