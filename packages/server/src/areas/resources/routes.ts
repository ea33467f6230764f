/**
 * All Resources, read only: each kind answers its list and its get, and nothing else (no write operation exists in
 * the spec, so none is routed). The handlers are made once for every kind.
 */
import { defineArea, type AreaHandlers } from '../area.js';
import { ok, type OperationHandler } from '../../http/operation.js';
import { operation } from '../../spec/document.js';
import { RESOURCE_KINDS } from './entity.js';
import type { EntityDefinition } from '../../store/entity.js';
import { listOperationOf } from '../../store/spec-entity.js';

function readOnlyHandlers(entity: EntityDefinition<any>, getOperation: string): AreaHandlers {
  const idParameter = operation(getOperation).parameters.find((p) => p.in === 'path');
  if (!idParameter) throw new Error(`${getOperation} has no path parameter`);
  const list: OperationHandler = async (ctx) => ok(await ctx.list(entity));
  const get: OperationHandler = async (ctx) => ok(await ctx.repository(entity).get((ctx.params as Record<string, string>)[idParameter.name]!));
  return { [listOperationOf(entity)]: list, [getOperation]: get };
}

export const resourcesArea = defineArea(
  'resources',
  Object.assign({}, ...RESOURCE_KINDS.map(({ entity, getOperation }) => readOnlyHandlers(entity, getOperation))),
);
