import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FakeClock } from '../testing/fake-clock';
import {
  ExpiryScheduler,
  type CopiedExpiryItem,
  type SchedulerEvent,
  type WrittenExpiryItem,
} from './scheduler';

const MIN = 60_000;

function setup(thresholds?: number[]) {
  const clock = new FakeClock();
  const scheduler = new ExpiryScheduler(clock, thresholds);
  const events: SchedulerEvent[] = [];
  scheduler.on((e) => events.push(e));
  const summary = () =>
    events.map((e) =>
      e.type === 'warn' ? `warn:${e.item.id}:${e.thresholdMinutes}` : `${e.type}:${e.item.id}`,
    );
  return { clock, scheduler, events, summary };
}

const creds = (
  clock: FakeClock,
  minutesLeft: number,
  extra: { id?: string } = {},
): CopiedExpiryItem => ({
  id: 'c1',
  kind: 'credentials',
  label: '123456789012 · Admin',
  expiresAt: clock.now() + minutesLeft * MIN,
  source: 'copied',
  session: 'acme',
  accountId: '123456789012',
  roleName: 'Admin',
  ...extra,
});

/** Credentials written to a profile that refreshes by itself. */
const autoRefreshed = (clock: FakeClock, minutesLeft: number): WrittenExpiryItem => ({
  ...creds(clock, minutesLeft),
  source: 'written',
  profileName: 'dev',
  autoRefresh: true,
});

describe('ExpiryScheduler', () => {
  it('warns at 15 and 5 minutes, then says expired, each once', () => {
    const { clock, scheduler, summary } = setup();
    scheduler.add(creds(clock, 60));
    clock.advance(44 * MIN);
    expect(summary()).toEqual([]);
    clock.advance(1 * MIN);
    expect(summary()).toEqual(['warn:c1:15']);
    clock.advance(10 * MIN);
    expect(summary()).toEqual(['warn:c1:15', 'warn:c1:5']);
    clock.advance(5 * MIN);
    expect(summary()).toEqual(['warn:c1:15', 'warn:c1:5', 'expired:c1']);
    clock.advance(120 * MIN);
    expect(summary()).toHaveLength(3);
    expect(clock.pending).toBe(0);
  });

  it('keeps exactly one timer, for the next due event', () => {
    const { clock, scheduler } = setup();
    scheduler.add(creds(clock, 60));
    scheduler.add(creds(clock, 30, { id: 'c2' }));
    scheduler.add({
      id: 'session:acme',
      kind: 'session',
      label: 'acme',
      session: 'acme',
      expiresAt: clock.now() + 8 * 60 * MIN,
    });
    expect(clock.pending).toBe(1);
    expect(scheduler.nextDue()).toBe(clock.now() + 15 * MIN);
    clock.advance(15 * MIN);
    expect(clock.pending).toBe(1);
    expect(scheduler.nextDue()).toBe(clock.now() + 10 * MIN);
  });

  it('warns at once, for the tightest threshold only, when fetched late', () => {
    const { clock, scheduler, summary, events } = setup();
    scheduler.add(creds(clock, 4));
    expect(summary()).toEqual(['warn:c1:5']);
    expect(events[0]).toMatchObject({ msLeft: 4 * MIN });
    clock.advance(4 * MIN);
    expect(summary()).toEqual(['warn:c1:5', 'expired:c1']);
  });

  it('fetched with 10 minutes left: one immediate 15-minute warning, then the 5-minute one', () => {
    const { clock, scheduler, summary } = setup();
    scheduler.add(creds(clock, 10));
    expect(summary()).toEqual(['warn:c1:15']);
    clock.advance(5 * MIN);
    expect(summary()).toEqual(['warn:c1:15', 'warn:c1:5']);
  });

  it('replace() after a refresh starts the warnings over', () => {
    const { clock, scheduler, summary } = setup();
    scheduler.add(creds(clock, 20));
    clock.advance(16 * MIN);
    expect(summary()).toEqual(['warn:c1:15', 'warn:c1:5']);
    scheduler.replace(creds(clock, 60));
    clock.advance(45 * MIN);
    expect(summary()).toEqual(['warn:c1:15', 'warn:c1:5', 'warn:c1:15']);
  });

  it('after sleep past several thresholds: one warning for the tightest, not a burst', () => {
    const { clock, scheduler, summary } = setup();
    scheduler.add(creds(clock, 60));
    clock.jump(57 * MIN); // laptop lid closed; no timer ran
    scheduler.recompute(); // powerMonitor resume
    expect(summary()).toEqual(['warn:c1:5']);
    clock.advance(1 * MIN); // the old timer (if any) firing late must not repeat it
    scheduler.recompute();
    expect(summary()).toEqual(['warn:c1:5']);
  });

  it('after sleep past expiry: expired only, no warnings', () => {
    const { clock, scheduler, summary } = setup();
    scheduler.add(creds(clock, 60));
    clock.jump(90 * MIN);
    scheduler.recompute();
    clock.advance(MIN);
    expect(summary()).toEqual(['expired:c1']);
  });

  it('a late timer and recompute on resume give one event between them', () => {
    const { clock, scheduler, summary } = setup();
    scheduler.add(creds(clock, 60));
    clock.jump(50 * MIN);
    clock.advance(0); // the overdue timer fires on wake
    scheduler.recompute(); // and the resume event arrives too
    expect(summary()).toEqual(['warn:c1:15']);
  });

  it('emits one sessionEnded for the session', () => {
    const { clock, scheduler, summary } = setup();
    scheduler.add({
      id: 's',
      kind: 'session',
      label: 'acme',
      session: 'acme',
      expiresAt: clock.now() + 60 * MIN,
    });
    clock.advance(61 * MIN);
    scheduler.recompute();
    clock.advance(60 * MIN);
    expect(summary()).toEqual(['warn:s:15', 'warn:s:5', 'sessionEnded:s']);
  });

  it('auto-refreshes written profiles at min(5 min, 10% of lifetime) before expiry, without warnings', () => {
    const { clock, scheduler, summary, events } = setup();
    scheduler.add({
      id: 's',
      kind: 'session',
      label: 'acme',
      session: 'acme',
      expiresAt: clock.now() + 8 * 60 * MIN,
    });
    scheduler.add(autoRefreshed(clock, 60));
    clock.advance(54 * MIN);
    expect(summary()).toEqual([]);
    clock.advance(1 * MIN);
    expect(summary()).toEqual(['autoRefresh:c1']);
    expect(events[0]).toMatchObject({ msLeft: 5 * MIN });
    scheduler.replace(autoRefreshed(clock, 60));
    clock.advance(55 * MIN);
    expect(summary()).toEqual(['autoRefresh:c1', 'autoRefresh:c1']);
  });

  it('short-lived credentials auto-refresh at 10% of their lifetime before expiry', () => {
    const { clock, scheduler, summary } = setup();
    scheduler.add(autoRefreshed(clock, 20)); // lead = 2 min
    clock.advance(17 * MIN);
    expect(summary()).toEqual([]);
    clock.advance(1 * MIN);
    expect(summary()).toEqual(['autoRefresh:c1']);
  });

  it('says expired when an auto refresh did not replace the credentials in time', () => {
    const { clock, scheduler, summary } = setup();
    scheduler.add(autoRefreshed(clock, 60));
    clock.advance(61 * MIN);
    expect(summary()).toEqual(['autoRefresh:c1', 'expired:c1']);
  });

  it('does not auto-refresh once the session has ended; warns instead', () => {
    const { clock, scheduler, summary } = setup();
    scheduler.add({
      id: 's',
      kind: 'session',
      label: 'acme',
      session: 'acme',
      expiresAt: clock.now() + 30 * MIN,
    });
    scheduler.add(autoRefreshed(clock, 60));
    clock.advance(61 * MIN);
    expect(summary()).toEqual([
      'warn:s:15',
      'warn:s:5',
      'sessionEnded:s',
      'warn:c1:15',
      'warn:c1:5',
      'expired:c1',
    ]);
  });

  it('stops timers when items are removed and on dispose', () => {
    const { clock, scheduler, summary } = setup();
    scheduler.add(creds(clock, 60));
    scheduler.remove('c1');
    expect(clock.pending).toBe(0);
    scheduler.add(creds(clock, 60));
    scheduler.dispose();
    clock.advance(120 * MIN);
    expect(summary()).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('honours configured thresholds without firing ones already behind', () => {
    const { clock, scheduler, summary } = setup([30, 10, 2]);
    scheduler.add(creds(clock, 60));
    clock.advance(35 * MIN); // 25 left: 30 crossed
    scheduler.setThresholds([20, 1]);
    clock.advance(5 * MIN); // 20 left
    clock.advance(19 * MIN); // 1 left
    expect(summary()).toEqual(['warn:c1:30', 'warn:c1:20', 'warn:c1:1']);
  });

  it('a listener that throws does not break the others', () => {
    const { clock, scheduler, summary } = setup();
    scheduler.on(() => {
      throw new Error('boom');
    });
    scheduler.add(creds(clock, 4));
    expect(summary()).toEqual(['warn:c1:5']);
  });

  it('never warns twice for a threshold, whatever the sequence of jumps (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.array(fc.record({ ms: fc.integer({ min: 0, max: 40 * MIN }), sleep: fc.boolean() }), {
          maxLength: 20,
        }),
        (minutesLeft, steps) => {
          const { clock, scheduler, events } = setup();
          scheduler.add(creds(clock, minutesLeft));
          for (const step of steps) {
            if (step.sleep) {
              clock.jump(step.ms);
              scheduler.recompute();
            } else clock.advance(step.ms);
          }
          const warned = events
            .filter((e) => e.type === 'warn')
            .map((e) => (e.type === 'warn' ? e.thresholdMinutes : 0));
          expect(new Set(warned).size).toBe(warned.length);
          expect(events.filter((e) => e.type === 'expired').length).toBeLessThanOrEqual(1);
          expect(clock.pending).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
