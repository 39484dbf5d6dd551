// Which of two snapshots of main's state the window keeps: the one with the higher revision (main
// numbers every change, see stateSnapshotSchema). The window gets the state as the answer to
// `state.get` and as `state` events; over the web host's HTTP answers and event stream they can
// arrive out of order, and an answer computed before a change must not replace the change.
// On a tie, the later one (the same state). Type-only imports: the window's entry loads this
// before zod.
import type { StateSnapshot } from '../../shared/ipc-views';

export function newestState(current: StateSnapshot | null, next: StateSnapshot): StateSnapshot {
  return current === null || next.revision >= current.revision ? next : current;
}
