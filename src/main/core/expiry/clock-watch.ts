// Notices wall-clock jumps (manual clock change, NTP correction, a sleep the OS did not report)
// by comparing the wall clock with a monotonic one at a slow tick, and calls `onJump` so the
// scheduler can recompute. Electron reports resume, not clock changes.

export interface ClockWatchPorts {
  wallNow(): number;
  monotonicNow(): number;
  setTimer(ms: number, fn: () => void): () => void;
}

export function watchClockJumps(
  ports: ClockWatchPorts,
  onJump: (driftMs: number) => void,
  options: { intervalMs?: number; toleranceMs?: number } = {},
): () => void {
  const interval = options.intervalMs ?? 60_000;
  const tolerance = options.toleranceMs ?? 5_000;
  let lastWall = ports.wallNow();
  let lastMono = ports.monotonicNow();
  let cancel: (() => void) | null = null;
  const tick = () => {
    const wall = ports.wallNow();
    const mono = ports.monotonicNow();
    const drift = wall - lastWall - (mono - lastMono);
    lastWall = wall;
    lastMono = mono;
    if (Math.abs(drift) > tolerance) onJump(drift);
    cancel = ports.setTimer(interval, tick);
  };
  cancel = ports.setTimer(interval, tick);
  return () => cancel?.();
}
