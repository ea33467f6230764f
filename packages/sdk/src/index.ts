// @fco-admin/sdk: a typed client for the FCO Admin Kit API, generated from its OpenAPI spec.
export { createClient, type ClientOptions } from './client.js';
export type { Auth, TokenGrant, TokenProvider } from './auth.js';
export type { RetryOptions } from './retry.js';
export {
  ApiError,
  BadRequestError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  PreconditionFailedError,
  PreconditionRequiredError,
  ValidationError,
  RateLimitError,
  ServerError,
  NetworkError,
  TimeoutError,
  type Problem,
  type FieldError,
} from './errors.js';
export { paginate, type ListPage } from './paginate.js';
export { etagOf } from './etag.js';
export { filenameOf } from './filename.js';
export { filter, type FilterValue } from './filter.js';
export { operationTable } from './generated/operations.js';
/** Enums, list fields and request bodies of the spec as runtime data: `metadata.listServers.sortable`. */
export * as metadata from './generated/metadata.js';
export {
  methodOf,
  pathParamsOf,
  type BodyField,
  type FieldKind,
  type FilterableField,
  type ItemField,
  type KindOf,
  type ListItem,
  type ListMetadata,
  type SortableField,
} from './metadata.js';
export type {
  Client,
  CallOptions,
  IfMatch,
  OperationDescriptor,
  OperationId,
  OperationOptions,
  OperationResult,
  OperationMethod,
  OperationEvent,
  StreamMethod,
} from './types.js';
export { serverSentEvents, type ServerSentEvent } from './event-stream.js';
export type { components, paths, operations } from './generated/schema.js';

import type { components } from './generated/schema.js';
/** The spec's schemas by name: `Schemas['Customer']`. */
export type Schemas = components['schemas'];
/** One schema of the spec by name: `Schema<'Customer'>`. */
export type Schema<Name extends keyof Schemas> = Schemas[Name];
