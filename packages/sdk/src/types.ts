// Types of the client's methods, derived from openapi-typescript's `operations` and the generated operation table.
// Nothing here names a particular operation: new operations in the spec get their types by regenerating.
import type { components, operations } from './generated/schema.js';
import type { operationTable } from './generated/operations.js';

/** What the generator emits per operation (see scripts/generate.mjs). */
export interface OperationDescriptor {
  /** The spec's operationId: the key into `operations` that types the method. */
  readonly id: keyof operations;
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';
  /** The spec path, `{name}` placeholders included. */
  readonly path: string;
  /** Parameter names by location; a location without parameters is left out. */
  readonly pathParams?: readonly string[];
  readonly query?: readonly string[];
  /** Header parameter names as the spec writes them; the method option is their camelCase (`If-Match` → `ifMatch`). */
  readonly headers?: readonly string[];
  /** Media type of the request body, when the operation takes one. */
  readonly body?: string;
  /** `events`: a server-sent event stream, which the method yields event by event. */
  readonly response: 'json' | 'text' | 'binary' | 'none' | 'events';
  /** The media type to ask for, when not application/json. */
  readonly accept?: string;
  /** For event streams: the schema of each event's `data`, by event name (the spec's `x-fco-events`). */
  readonly events?: Readonly<Record<string, keyof components['schemas']>>;
}

/** Options every method takes besides the operation's own parameters. */
export interface CallOptions {
  /** Aborts the call (including retries and their waits); the call then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Milliseconds each attempt may take before the call fails with a TimeoutError (default: the client's). */
  timeout?: number;
  /**
   * Called with the successful answer before its body is read, for its headers: a download's file name
   * (`filenameOf(response)`), rate-limit headers. The result is the same as without it.
   */
  onResponse?: (response: Response) => void;
}

export type OperationId = keyof operations;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** `never` (no such parameters) becomes an empty object so it can be intersected. */
type Present<T> = [T] extends [never] ? {} : T;
type ParametersIn<Op, Location extends 'path' | 'query' | 'header'> = Op extends { parameters: infer P }
  ? Present<Exclude<P[Location & keyof P], undefined>>
  : {};

type CamelRest<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Lowercase<Head>>}${CamelRest<Tail>}`
  : Capitalize<Lowercase<S>>;
/** `If-Match` → `ifMatch`, `Idempotency-Key` → `idempotencyKey` (the same rule as `headerOptionName`). */
export type HeaderOptionName<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Lowercase<Head>}${CamelRest<Tail>}`
  : Lowercase<S>;
/**
 * What `ifMatch` takes: the object as this client returned it (a read, or the previous write), whose ETag is sent,
 * or the ETag itself. Required wherever the spec requires If-Match: no write to an existing object goes out blind.
 */
export type IfMatch = string | object;
type HeaderOptions<Headers> = {
  [K in keyof Headers as HeaderOptionName<K & string>]: K extends 'If-Match' ? IfMatch : Headers[K];
};

type ValuesOf<T> = T[keyof T];
type BodyOption<Op> = Op extends { requestBody?: infer Body }
  ? [Exclude<Body, undefined>] extends [never]
    ? {}
    : Exclude<Body, undefined> extends { content: infer Content }
      ? undefined extends Body
        ? { body?: ValuesOf<Content> }
        : { body: ValuesOf<Content> }
      : {}
  : {};

/** The single argument of an operation's method: its parameters by name, `body`, and the call options. */
export type OperationOptions<Id extends OperationId> = Simplify<
  ParametersIn<operations[Id], 'path'> &
    ParametersIn<operations[Id], 'query'> &
    HeaderOptions<ParametersIn<operations[Id], 'header'>> &
    BodyOption<operations[Id]> &
    CallOptions
>;

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206;
type SuccessResponses<Op> = Op extends { responses: infer R } ? R[Extract<keyof R, SuccessStatus>] : never;
type JsonMediaType = `application/json` | `application/${string}+json`;
/** Mirrors the generator's choice: json if any, else text as a string, else the bytes as a Blob. */
type BodyOfContent<Content> = [Extract<keyof Content, JsonMediaType>] extends [never]
  ? [Extract<keyof Content, `text/${string}`>] extends [never]
    ? Blob
    : string
  : Content[Extract<keyof Content, JsonMediaType>];
type BodyOfResponse<Response> = Response extends { content: infer Content } ? BodyOfContent<Content> : void;

/** What an operation's method resolves to: the 2xx body (Blob for binary, string for text, void for no content). */
export type OperationResult<Id extends OperationId> = BodyOfResponse<SuccessResponses<operations[Id]>>;

/** An operation's method; the argument is optional when the operation needs nothing. */
export type OperationMethod<Id extends OperationId> = {} extends OperationOptions<Id>
  ? (options?: OperationOptions<Id>) => Promise<OperationResult<Id>>
  : (options: OperationOptions<Id>) => Promise<OperationResult<Id>>;

type OperationTable = typeof operationTable;
type Descriptors = { [Group in keyof OperationTable]: OperationTable[Group][keyof OperationTable[Group]] }[keyof OperationTable];

/** The events an event-stream operation yields: `{ type, id, data }` with `data` typed by the event's name. */
export type OperationEvent<Id extends OperationId> = Extract<Descriptors, { id: Id }> extends { events: infer Events }
  ? {
      [Name in keyof Events]: {
        /** The event's name (`event:` line). */
        type: Name;
        /** The last event id the stream sent: pass it as `lastEventId` when reconnecting. */
        id: string;
        data: Events[Name] extends keyof components['schemas'] ? components['schemas'][Events[Name]] : never;
      };
    }[keyof Events]
  : never;

/**
 * An event-stream operation's method: iterating it connects and yields the events; it ends when `signal` aborts or
 * the server closes the stream, and throws the SDK's errors (UnauthorizedError…) when the connection fails.
 */
export type StreamMethod<Id extends OperationId> = {} extends OperationOptions<Id>
  ? (options?: OperationOptions<Id>) => AsyncIterable<OperationEvent<Id>>
  : (options: OperationOptions<Id>) => AsyncIterable<OperationEvent<Id>>;

/** The client: one group per tag, one method per operation (`client.customers.list`). */
export type Client = {
  readonly [Group in keyof OperationTable]: {
    readonly [Name in keyof OperationTable[Group]]: OperationTable[Group][Name] extends { id: infer Id extends OperationId }
      ? OperationTable[Group][Name] extends { response: 'events' }
        ? StreamMethod<Id>
        : OperationMethod<Id>
      : never;
  };
};
