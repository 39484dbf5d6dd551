import { useEffect, useState } from 'react';

/** The current time, re-read every `intervalMs` while mounted (drives countdowns). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** A flag that turns itself off `ms` after it was last set (e.g. "Copied" feedback). */
export function useFlash(ms: number): [boolean, () => void] {
  const [on, setOn] = useState(0);
  useEffect(() => {
    if (on === 0) return;
    const id = setTimeout(() => setOn(0), ms);
    return () => clearTimeout(id);
  }, [on, ms]);
  return [on !== 0, () => setOn((n) => n + 1)];
}
