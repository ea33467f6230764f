/**
 * Product and offer rules: what a catalogue entry may contain, what cannot change while it is in use, and that an
 * offer sells a product of its own billing entity in that billing entity's currency.
 */
import { ApiProblem, unknownReferenceError, type FieldError } from '../../http/problem.js';
import { mergePatch } from '../../http/merge-patch.js';
import type { Schema } from '../../spec/types.js';
import { canonicalJson } from '../../store/crypto.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { billingEntityEntity } from '../billing-entities/entity.js';
import { clusterEntity } from '../hardware/entity.js';
import { checkValue, validatorProblem } from '../plugins/validators.js';
import { referenced } from '../references.js';
import { productEntity, productOfferEntity, type Product, type ProductOffer } from './entity.js';

const invalid = (errors: FieldError[]) =>
  new ApiProblem('validation_failed', { detail: errors.map((e) => `${e.pointer}: ${e.message}`).join('; '), errors });
const bodyError = (pointer: string, code: string, message: string): FieldError => ({ location: 'body', pointer, code, message });

/** Component names unique in the product, value keys unique in their component, validators usable, default values valid. */
export function checkComponents(components: Product['components']): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  components.forEach((component, c) => {
    if (names.has(component.name)) errors.push(bodyError(`/components/${c}/name`, 'duplicate', `Another component is already named "${component.name}".`));
    names.add(component.name);
    const keys = new Set<string>();
    const checkKey = (key: string, pointer: string) => {
      if (keys.has(key)) errors.push(bodyError(pointer, 'duplicate', `Another value of "${component.name}" already has the key "${key}".`));
      keys.add(key);
    };
    component.configurableValues.forEach((value, v) => {
      const at = `/components/${c}/configurableValues/${v}`;
      checkKey(value.key, `${at}/key`);
      // The validator itself first: a default cannot be judged by a validator the server will not run.
      const unusable = validatorProblem(value.validator, value.validatorArgs);
      if (unusable) {
        errors.push(bodyError(`${at}/validatorArgs${unusable.argument ? `/${unusable.argument}` : ''}`, 'invalid_validator', unusable.message));
        return;
      }
      const problem = value.value === null ? null : checkValue(value.validator, value.validatorArgs, value.value);
      if (problem) errors.push(bodyError(`${at}/value`, 'invalid_value', `The default ${problem}.`));
    });
    component.measuredValues.forEach((value, v) => checkKey(value.key, `/components/${c}/measuredValues/${v}/key`));
  });
  return errors;
}

export async function createProduct(store: TenantStore, defaultBillingEntityId: string, body: Schema<'ProductCreate'>, now: Date): Promise<Product> {
  const errors = checkComponents(body.components);
  if (errors.length) throw invalid(errors);
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    const billingEntities = tx.repository(billingEntityEntity);
    const billingEntity = body.billingEntityId
      ? await referenced(billingEntities, body.billingEntityId, '/billingEntityId', 'billing entity')
      : await billingEntities.get(defaultBillingEntityId);
    return tx.repository(productEntity).insert({
      id: crypto.randomUUID(),
      name: body.name,
      description: body.description ?? null,
      associatedType: body.associatedType,
      components: body.components,
      inUse: false,
      billingEntityId: billingEntity.id,
      billingEntityName: billingEntity.name,
      createdAt: at,
      updatedAt: at,
    });
  });
}

/**
 * What stays fixed while an object is in use: a 409 whose errors point at each locked field the change touched
 * (code `locked`), so a form can mark them; unchanged locked fields may be sent back as they are.
 */
function assertUnlocked<T extends object>(current: T, next: T, fields: ReadonlyArray<keyof T & string>, detail: string): void {
  const touched = fields.filter((field) => canonicalJson(next[field]) !== canonicalJson(current[field]));
  if (touched.length === 0) return;
  throw new ApiProblem('invalid_state', {
    detail,
    errors: touched.map((field) => ({ location: 'body', pointer: `/${field}`, code: 'locked', message: 'cannot change while in use' })),
  });
}

export function applyProductPatch(current: Product, patch: Schema<'ProductPatch'>, now: Date): Product {
  const next = mergePatch(current, patch);
  next.description = next.description ?? null;
  if (patch.components !== undefined) next.components = patch.components; // arrays are replaced whole
  if (current.inUse) {
    assertUnlocked(current, next, ['associatedType', 'components'], `${current.name} is in use by product offers: its type and components cannot change.`);
  }
  const errors = checkComponents(next.components);
  if (errors.length) throw invalid(errors);
  next.updatedAt = now.toISOString();
  return next;
}

export const updateProduct = (store: TenantStore, id: string, patch: Schema<'ProductPatch'>, ifMatch: string | undefined, now: Date) =>
  store.repository(productEntity).update(id, (current) => applyProductPatch(current, patch, now), { ifMatch });

export async function deleteProduct(store: TenantStore, id: string, ifMatch: string | undefined): Promise<void> {
  await store.repository(productEntity).delete(id, { ifMatch }, (current) => {
    if (current.inUse) throw new ApiProblem('invalid_state', { detail: `${current.name} is offered by product offers; delete those first.` });
  });
}

/**
 * An offer's rules against its product and billing entity: the product's own billing entity, its currency (with at
 * most its decimal places, never negative), configuration naming the product's configurable values with valid
 * values, and clusters that exist.
 */
async function checkOffer(tx: TenantStore, offer: ProductOffer): Promise<void> {
  const errors: FieldError[] = [];
  const product = await referenced(tx.repository(productEntity), offer.productId, '/productId', 'product');
  if (offer.billingEntityId !== product.billingEntityId) {
    errors.push(bodyError('/billingEntityId', 'mismatch', 'An offer belongs to the billing entity of its product.'));
  }
  const billingEntity = await tx.repository(billingEntityEntity).get(product.billingEntityId);
  const { code, decimalPlaces } = billingEntity.currency;
  if (offer.price.currency !== code) errors.push(bodyError('/price/currency', 'currency', `Prices of ${billingEntity.name} are in ${code}.`));
  if (offer.price.amount.startsWith('-')) errors.push(bodyError('/price/amount', 'minimum', 'A price cannot be negative.'));
  if ((offer.price.amount.split('.')[1]?.length ?? 0) > decimalPlaces) {
    errors.push(bodyError('/price/amount', 'decimal_places', `${code} has ${decimalPlaces} decimal places.`));
  }
  const seen = new Set<string>();
  offer.componentConfig.forEach((entry, i) => {
    const component = product.components.find((c) => c.name === entry.componentName);
    const value = component?.configurableValues.find((v) => v.key === entry.key);
    const at = `/componentConfig/${i}`;
    if (!component) errors.push(bodyError(`${at}/componentName`, 'unknown_component', `${product.name} has no component "${entry.componentName}".`));
    else if (!value) errors.push(bodyError(`${at}/key`, 'unknown_value', `"${entry.componentName}" has no configurable value "${entry.key}".`));
    else {
      const problem = checkValue(value.validator, value.validatorArgs, entry.value);
      if (problem) errors.push(bodyError(`${at}/value`, 'invalid_value', `${value.name} ${problem}.`));
    }
    const pair = `${entry.componentName}\u0000${entry.key}`;
    if (seen.has(pair)) errors.push(bodyError(`${at}/key`, 'duplicate', `"${entry.componentName}.${entry.key}" is configured twice.`));
    seen.add(pair);
  });
  const clusters = tx.repository(clusterEntity);
  for (const [i, id] of offer.clusterIds.entries()) {
    if (!(await clusters.find(id))) errors.push(unknownReferenceError(`/clusterIds/${i}`, 'cluster'));
  }
  if (errors.length) throw invalid(errors);
}

export async function createProductOffer(store: TenantStore, body: Schema<'ProductOfferCreate'>, now: Date): Promise<ProductOffer> {
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    const product = await referenced(tx.repository(productEntity), body.productId, '/productId', 'product');
    const offer: ProductOffer = {
      id: crypto.randomUUID(),
      name: body.name,
      description: body.description ?? null,
      productId: product.id,
      billingEntityId: body.billingEntityId ?? product.billingEntityId,
      billingEntityName: product.billingEntityName,
      billingPeriod: body.billingPeriod,
      unitType: body.unitType,
      price: body.price,
      componentConfig: body.componentConfig ?? [],
      clusterIds: body.clusterIds ?? [],
      active: body.active ?? true,
      inUse: false,
      createdAt: at,
      updatedAt: at,
    };
    await checkOffer(tx, offer);
    return tx.repository(productOfferEntity).insert(offer);
  });
}

export function applyOfferPatch(current: ProductOffer, patch: Schema<'ProductOfferPatch'>, now: Date): ProductOffer {
  const next = mergePatch(current, patch);
  next.description = next.description ?? null;
  if (patch.componentConfig !== undefined) next.componentConfig = patch.componentConfig;
  if (patch.clusterIds !== undefined) next.clusterIds = patch.clusterIds;
  if (current.inUse) {
    assertUnlocked(current, next, ['billingPeriod', 'unitType'], `${current.name} bills customers or resources: its billing period and unit type cannot change.`);
  }
  next.updatedAt = now.toISOString();
  return next;
}

export const updateProductOffer = (store: TenantStore, id: string, patch: Schema<'ProductOfferPatch'>, ifMatch: string | undefined, now: Date) =>
  store.transaction((tx) =>
    tx.repository(productOfferEntity).update(id, async (current) => {
      const next = applyOfferPatch(current, patch, now);
      await checkOffer(tx, next);
      return next;
    }, { ifMatch }),
  );

export async function deleteProductOffer(store: TenantStore, id: string, ifMatch: string | undefined): Promise<void> {
  await store.repository(productOfferEntity).delete(id, { ifMatch }, (current) => {
    if (current.inUse) throw new ApiProblem('invalid_state', { detail: `${current.name} bills customers or resources; deactivate it instead.` });
  });
}
