/**
 * An Admin area: handlers keyed by the spec's operationIds. The app mounts each area as one Hono sub-app whose routes
 * (method, path) come from the spec, each wrapped in the operation pipeline (auth, scopes, validation, idempotency).
 */
import { Hono } from 'hono';
import { operation, honoPath } from '../spec/document.js';
import { runOperation, type OperationHandler, type OperationId } from '../http/operation.js';
import type { AppServices } from '../http/services.js';

export type AreaHandlers = { [Id in OperationId]?: OperationHandler<Id> };

export interface Area {
  name: string;
  handlers: AreaHandlers;
}

export function defineArea(name: string, handlers: AreaHandlers): Area {
  for (const id of Object.keys(handlers)) operation(id); // fails at start-up on an operationId the spec lacks
  return { name, handlers };
}

export function areaApp(area: Area, services: AppServices): Hono {
  const app = new Hono();
  for (const [id, handler] of Object.entries(area.handlers)) {
    const op = operation(id);
    app.on(op.method.toUpperCase(), honoPath(op.path), runOperation(op, handler as OperationHandler, services));
  }
  return app;
}
