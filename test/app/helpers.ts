// The app core for integration tests, in a sandbox (test/support/emulator.ts: a real emulator
// in-process and a temp HOME with an [sso-session]), with fake ports that record what the OS
// would have done.
import { expect } from 'vitest';
import {
  createAppCore,
  type AppCore,
  type ConfirmPort,
  type ConfirmRequest,
} from '../../src/main/core/app';
import { MemorySettingsStore } from '../../src/main/core/settings/store';
import type { EventName } from '../../src/shared/ipc-contract';
import type { EventPayload } from '../../src/main/core/app/events';
import {
  RecordingBrowser,
  RecordingClipboard,
  RecordingNotifier,
} from '../../tools/web-host/recorders';
import { ControllableClock } from '../../tools/web-host/clock';
import type { Sandbox } from '../support/emulator';
import { SESSION } from '../support/sandbox-home';

export interface TestApp {
  core: AppCore;
  /** Real time that tests can move forward (firing due timers). */
  clock: ControllableClock;
  clipboard: RecordingClipboard;
  notifier: RecordingNotifier;
  browser: RecordingBrowser;
  settings: MemorySettingsStore;
  events: Array<{ name: EventName; payload: unknown }>;
  next<E extends EventName>(
    name: E,
    predicate?: (payload: EventPayload<E>) => boolean,
    timeoutMs?: number,
  ): Promise<EventPayload<E>>;
}

/** main's dialogs, answered by the test: each question takes the next answer (no when none). */
export class ScriptedConfirm implements ConfirmPort {
  readonly asked: ConfirmRequest[] = [];
  constructor(private readonly answers: boolean[] = []) {}
  async confirm(request: ConfirmRequest): Promise<boolean> {
    this.asked.push(request);
    return this.answers.shift() ?? false;
  }
}

export function app(
  box: Sandbox,
  settings: MemorySettingsStore = new MemorySettingsStore(),
  confirm?: ConfirmPort,
): TestApp {
  const clock = new ControllableClock();
  const clipboard = new RecordingClipboard();
  const notifier = new RecordingNotifier(() => clock.now());
  const browser = new RecordingBrowser();
  const core = createAppCore({
    env: box.env,
    dataDir: box.dataDir,
    settings,
    clipboard,
    notifier,
    browser,
    clock,
    platform: 'linux',
    allowLoopbackHttp: true,
    ...(confirm === undefined ? {} : { confirm }),
  });
  const events: TestApp['events'] = [];
  const waiters = new Set<(name: EventName, payload: unknown) => void>();
  core.subscribe((name, payload) => {
    events.push({ name, payload });
    for (const w of [...waiters]) w(name, payload);
  });
  const next = <E extends EventName>(
    name: E,
    predicate: (payload: EventPayload<E>) => boolean = () => true,
    timeoutMs = 30_000,
  ): Promise<EventPayload<E>> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`no ${name} event within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = (n: EventName, payload: unknown) => {
        if (n !== name || !predicate(payload as EventPayload<E>)) return;
        clearTimeout(timer);
        waiters.delete(waiter);
        resolve(payload as EventPayload<E>);
      };
      waiters.add(waiter);
    });
  return { core, clock, clipboard, notifier, browser, settings, events, next };
}

/** Signs in with the device flow, approving the code on the emulator like a person would. */
export async function signIn(box: Sandbox, t: TestApp): Promise<void> {
  const prompt = t.next('auth', (e) => e.type === 'prompt');
  const done = t.next('auth', (e) => e.type !== 'prompt');
  const accepted = await t.core.handlers['auth.login']({ session: SESSION, flow: 'device' });
  expect(accepted).toBeUndefined();
  const p = await prompt;
  if (p.type !== 'prompt' || p.userCode === undefined) throw new Error('no user code');
  box.emulator.approve(p.userCode);
  const outcome = await done;
  if (outcome.type !== 'success') throw new Error(`sign-in failed: ${JSON.stringify(outcome)}`);
}

/** Polls `read` until `check` holds (real time), for effects of background work. */
export async function eventually<T>(
  read: () => Promise<T> | T,
  check: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
