// The app core's handler table, joined from the slices its services own: each service exports
// the handlers of its channels (typed `Pick<Handlers, …>`) next to itself, and the composition
// root (./index.ts) joins them. The join's type is the intersection of the slices, so assigning it
// to `Handlers` makes the compiler refuse a channel no slice implements; a channel two slices
// claim is refused when the table is built.
import type { Handlers } from '../ipc/dispatch';

/** One service's part of the handler table. */
export type HandlerSlice = Partial<Handlers>;

type Joined<S extends readonly HandlerSlice[]> = (
  S[number] extends infer U ? (U extends unknown ? (x: U) => void : never) : never
) extends (x: infer I) => void
  ? I
  : never;

/** The slices as one table; throws when two slices implement the same channel. */
export function joinHandlers<S extends readonly HandlerSlice[]>(...slices: S): Joined<S> {
  const table: Record<string, unknown> = {};
  for (const slice of slices) {
    for (const [channel, handler] of Object.entries(slice)) {
      if (Object.prototype.hasOwnProperty.call(table, channel)) {
        throw new Error(`Two services implement the channel ${channel}.`);
      }
      table[channel] = handler;
    }
  }
  return table as Joined<S>;
}
