/**
 * Objects a request body names by id (a customer's billing entity, a user's customer, an offer's product): read in
 * the caller's scope, and a 422 at the naming field when there is no such object there (ApiProblem.unknownReference).
 */
import { ApiProblem } from '../http/problem.js';
import type { Repository } from '../store/repository.js';

export async function referenced<T extends { id: string }>(repository: Repository<T>, id: string, pointer: string, what: string): Promise<T> {
  const found = await repository.find(id);
  if (!found) throw ApiProblem.unknownReference(pointer, what);
  return found;
}
