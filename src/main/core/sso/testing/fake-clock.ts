// The one fake clock lives in src/main/core/testing/fake-clock.ts; this path is kept for the
// tests that import it from here.
export { FakeClock } from '../../testing/fake-clock';
