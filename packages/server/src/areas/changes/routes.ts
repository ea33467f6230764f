/** The change stream (GET /v1/changes): server-sent events of the changes the caller's reads would show. */
import { defineArea } from '../area.js';
import { eventStreamBody } from '../../http/event-stream.js';
import { mayCall } from '../../identity/principal.js';
import { listOperationOf } from '../../store/spec-entity.js';
import { produceChanges } from './stream.js';

/** A cursor this server issues: a change's sequence number. Anything else cannot be resumed from. */
function cursorOf(lastEventId: string | undefined): number | undefined {
  if (lastEventId === undefined) return undefined;
  return /^\d{1,15}$/.test(lastEventId) ? Number(lastEventId) : -1;
}

export const changesArea = defineArea('changes', {
  streamChanges: async (ctx) => {
    const me = ctx.me();
    // A kind is the caller's when it may call the kind's list: its scopes, and an embed token's widgets.
    const kinds = [...ctx.store.changeKinds].filter(([, entity]) => mayCall(me, listOperationOf(entity))).map(([kind]) => kind);
    const requested = cursorOf(ctx.hono.req.header('last-event-id'));
    const { head, resumable } = await ctx.store.changeCursor(requested);
    return {
      status: 200,
      events: eventStreamBody(
        (writer) =>
          produceChanges(writer, {
            store: ctx.store,
            kinds,
            cursor: resumable ? requested! : head,
            reset: requested !== undefined && !resumable,
            stillAuthorized: ctx.stillAuthorized,
            ...ctx.services.changeStream,
          }),
        { request: ctx.hono.req.raw.signal, log: ctx.services.log },
      ),
    };
  },
});
