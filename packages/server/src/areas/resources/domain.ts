/** Rules that tie resources together (the Admin page only reads them; the seed builds them by these rules). */
import type { DeploymentInstance, Server } from './entity.js';

/** A server has a node only while it is placed on one (a STOPPED, BUILDING or DELETING server is not). */
export function isPlaced(status: Server['status']): boolean {
  return status !== 'STOPPED' && status !== 'BUILDING' && status !== 'DELETING';
}

/**
 * A deployment instance's status from its servers': RUNNING when all run, STOPPED when all are stopped, otherwise
 * the first server's status that is neither (the one the instance is waiting on); a mix of running and stopped
 * servers counts as RUNNING, and an instance without servers is STOPPED.
 */
export function deploymentInstanceStatus(statuses: ReadonlyArray<Server['status']>): DeploymentInstance['status'] {
  if (statuses.length === 0 || statuses.every((s) => s === 'STOPPED')) return 'STOPPED';
  if (statuses.every((s) => s === 'RUNNING')) return 'RUNNING';
  return statuses.find((s) => s !== 'RUNNING' && s !== 'STOPPED') ?? 'RUNNING';
}
