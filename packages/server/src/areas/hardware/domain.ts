/** Rules of hardware edits: name and description of anything, and a node's move between RUNNING and MAINTENANCE. */
import { ApiProblem } from '../../http/problem.js';
import type { Schema } from '../../spec/types.js';
import type { HardwareNode } from './entity.js';

type Editable = { name: string; description: string | null; updatedAt: string };
type EditablePatch = { name?: string; description?: string | null };

/**
 * A JSON Merge Patch of flat fields: a given value replaces, null clears the description (which stays present as
 * null, since the schema requires it).
 */
export function applyHardwarePatch<T extends Editable>(current: T, patch: EditablePatch, now: Date): T {
  return {
    ...current,
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    updatedAt: now.toISOString(),
  };
}

/** Nodes the platform reports as OFFLINE or in ERROR keep that state until the node itself recovers. */
const STATES_SET_BY_THE_NODE: ReadonlyArray<HardwareNode['state']> = ['OFFLINE', 'ERROR'];

export function applyNodePatch(current: HardwareNode, patch: Schema<'HardwareNodePatch'>, now: Date): HardwareNode {
  const { state, ...rest } = patch;
  const next = applyHardwarePatch(current, rest, now);
  if (state === undefined || state === current.state) return next;
  if (STATES_SET_BY_THE_NODE.includes(current.state)) {
    throw new ApiProblem('invalid_state', {
      detail: `Node ${current.name} is ${current.state}; only a RUNNING node can go into MAINTENANCE and back.`,
    });
  }
  return { ...next, state };
}
