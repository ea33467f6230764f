/** The change stream as the widgets use it: the spec's types, through the SDK. */
import type { Client, OperationEvent, Schema } from '@fco-admin/sdk';

/** One change to one object: its kind (the spec's schema name), id, what happened, and its new ETag. */
export type ChangeEvent = Schema<'ChangeEvent'>;

/** What the stream yields: a change, or a reset (changes were missed: reload everything shown). */
export type ChangeStreamEvent = OperationEvent<'streamChanges'>;

/** Opens the stream (`client.changes.stream`). */
export type OpenChangeStream = Client['changes']['stream'];
