/**
 * The shapes of the change stream as the widgets use it.
 * TODO(live): replace with the SDK's `Schema<'ChangeEvent'>` and `Client['streamChanges']` once the spec lands.
 */
export interface ChangeEvent {
  kind: string;
  id: string;
  change: 'created' | 'updated' | 'deleted';
  etag?: string;
  at: string;
}

export type ChangeStreamEvent = { type: 'change'; id: string; data: ChangeEvent } | { type: 'reset'; id?: string };

/** Opens the stream: `client.streamChanges` bound to its client. */
export type OpenChangeStream = (options: { lastEventId?: string; signal: AbortSignal }) => AsyncIterable<ChangeStreamEvent>;
