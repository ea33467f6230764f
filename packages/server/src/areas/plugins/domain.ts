/** FDL code block rules (draft, revert, discard, sign) and configuration provider rules (sync on sign, values). */
import { ApiProblem, type FieldError } from '../../http/problem.js';
import type { Schema } from '../../spec/types.js';
import { sha256Hex } from '../../store/crypto.js';
import { readLua, text, type LuaDiagnostic, type LuaTable, type LuaValue, type RegisteredFunction } from './lua.js';
import type { ConfigurationProvider, ConfigurationValue, FdlCodeBlock } from './entity.js';
import { checkValue, validatorProblem } from './validators.js';

type Registers = Schema<'FdlRegisters'>;
type Diagnostic = Schema<'FdlDiagnostic'>;
type Trigger = Schema<'FdlTrigger'>;
type ResourceType = Schema<'AssociatedResourceType'>;

const TRIGGERS: ReadonlySet<string> = new Set<Trigger>([
  'PRE_CREATE', 'POST_CREATE', 'PRE_MODIFY', 'POST_MODIFY', 'PRE_DELETE', 'POST_DELETE', 'PRE_AUTH', 'POST_AUTH',
  'PRE_ADMIN_API_CALL', 'POST_ADMIN_API_CALL', 'PRE_USER_API_CALL', 'POST_USER_API_CALL', 'PRE_SERVER_STATE_CHANGE',
  'POST_SERVER_STATE_CHANGE', 'PRE_PAYMENT', 'POST_PAYMENT', 'PRE_JOB', 'POST_JOB', 'POST_COLLECTION', 'SCHEDULED',
]);
const RESOURCE_TYPES: ReadonlySet<string> = new Set<ResourceType>([
  'SERVER', 'DISK', 'IMAGE', 'NETWORK', 'SNAPSHOT', 'IP_ADDRESS', 'VDC', 'DEPLOYMENT_INSTANCE', 'FIREWALL_TEMPLATE',
  'SSH_KEY', 'USER', 'CUSTOMER', 'BILLING_ENTITY',
]);
const VALIDATORS: ReadonlySet<string> = new Set(['REGEX', 'ENUM', 'NUMERIC_INT', 'NUMERIC_DOUBLE', 'BOOLEAN', 'PASSWORD', 'BIG_TEXT', 'DATE']);
/** `api` names of registered functions, as FDL writes them. */
const CONFIG_PROVIDER_APIS = new Set(['CONFIG_PROVIDER', 'CONFIGURATION_PROVIDER']);
const APIS: ReadonlySet<string> = new Set(['TRIGGER', 'BILLING', 'REPORT', ...CONFIG_PROVIDER_APIS]);
const VALUE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const MAX_DIAGNOSTICS = 200;

export const EMPTY_REGISTERS: Registers = { triggers: [], configurationProviders: [], billingMethods: [], reportMethods: [] };

/** What signed code registers (nothing while never signed). */
export function registersOf(signedCode: string | null): Registers {
  return signedCode === null ? { ...EMPTY_REGISTERS, triggers: [], configurationProviders: [], billingMethods: [], reportMethods: [] } : registersIn(readLua(signedCode).registrations);
}

function registersIn(registrations: readonly RegisteredFunction[]): Registers {
  const registers: Registers = { triggers: [], configurationProviders: [], billingMethods: [], reportMethods: [] };
  for (const fn of registrations) {
    if (fn.api === 'TRIGGER') {
      const trigger = text(fn.definition, 'triggerType')?.toUpperCase();
      if (trigger && TRIGGERS.has(trigger) && !registers.triggers.includes(trigger as Trigger) && registers.triggers.length < 50) {
        registers.triggers.push(trigger as Trigger);
      }
    } else if (CONFIG_PROVIDER_APIS.has(fn.api)) registers.configurationProviders.push(fn.name);
    else if (fn.api === 'BILLING') registers.billingMethods.push(fn.name);
    else if (fn.api === 'REPORT') registers.reportMethods.push(fn.name);
  }
  registers.configurationProviders = registers.configurationProviders.slice(0, 100);
  registers.billingMethods = registers.billingMethods.slice(0, 100);
  registers.reportMethods = registers.reportMethods.slice(0, 100);
  return registers;
}

/** What the domain makes of registrations the syntax tree shows but the platform would ignore. */
function registrationWarnings(registrations: readonly RegisteredFunction[]): LuaDiagnostic[] {
  const warnings: LuaDiagnostic[] = [];
  const warn = (fn: RegisteredFunction, message: string) => warnings.push({ severity: 'warning', message, ...fn.at });
  for (const fn of registrations) {
    if (!APIS.has(fn.api)) warn(fn, `${fn.name}: unknown api "${fn.api}" (one of ${[...APIS].join(', ')}); it registers nothing.`);
    if (fn.api === 'TRIGGER') {
      const trigger = text(fn.definition, 'triggerType')?.toUpperCase();
      if (!trigger || !TRIGGERS.has(trigger)) warn(fn, `${fn.name}: triggerType ${trigger ? `"${trigger}" is not an FDL trigger` : 'is missing'}; it registers no trigger.`);
    }
    if (CONFIG_PROVIDER_APIS.has(fn.api)) {
      const values = fn.definition.fields.get('values');
      for (const item of values && typeof values === 'object' ? values.list : []) {
        if (item === null || typeof item !== 'object') continue;
        const key = text(item, 'key');
        const validator = text(item, 'validator')?.toUpperCase() ?? 'BIG_TEXT';
        if (!key || !VALUE_KEY.test(key)) warn(fn, `${fn.name}: a value's key ${key ? `"${key}" is not a valid key` : 'is missing'}; the value is left out.`);
        else if (!VALIDATORS.has(validator)) warn(fn, `${fn.name}: the value "${key}" has an unknown validator "${validator}" (one of ${[...VALIDATORS].join(', ')}); it is left out.`);
      }
    }
  }
  return warnings;
}

const toDiagnostic = (d: LuaDiagnostic): Diagnostic => ({
  severity: d.severity === 'error' ? 'ERROR' : 'WARNING',
  message: d.message.slice(0, 1000),
  line: d.line,
  column: d.column,
  endLine: d.endLine,
  endColumn: d.endColumn,
});

/** The Lua check: the syntax error if any, then warnings about the registrations, and what the code would register. */
export function checkFdlCode(code: string): Schema<'FdlCodeCheckResult'> {
  const reading = readLua(code);
  const diagnostics = [...reading.diagnostics, ...registrationWarnings(reading.registrations)]
    .sort((a, b) => (a.severity === b.severity ? a.line - b.line || a.column - b.column : a.severity === 'error' ? -1 : 1))
    .slice(0, MAX_DIAGNOSTICS)
    .map(toDiagnostic);
  return { valid: !diagnostics.some((d) => d.severity === 'ERROR'), diagnostics, registers: registersIn(reading.registrations) };
}

/** Code with a syntax error is never stored as a draft: a 422 at `/unsignedCode` with the error's line and column. */
export function assertValidCode(code: string | undefined): void {
  if (code === undefined) return;
  const error = readLua(code).diagnostics.find((d) => d.severity === 'error');
  if (!error) return;
  const message = `Lua syntax error at line ${error.line}, column ${error.column}: ${error.message}`.slice(0, 1000);
  throw new ApiProblem('validation_failed', {
    detail: `/unsignedCode: ${message}`,
    errors: [{ location: 'body', pointer: '/unsignedCode', code: 'lua_syntax', message, line: error.line, column: error.column }],
  });
}

/** Derived fields, recomputed on every change so they never disagree with the code. */
function withDerived(block: FdlCodeBlock): FdlCodeBlock {
  return {
    ...block,
    active: block.signedCode !== null,
    hasUnsignedChanges: block.unsignedCode !== null && block.unsignedCode !== block.signedCode,
    registers: registersOf(block.signedCode),
  };
}

export function newFdlCodeBlock(id: string, input: Schema<'FdlCodeBlockCreate'>, billingEntity: { id: string; name: string }, now: Date): FdlCodeBlock {
  assertValidCode(input.unsignedCode);
  const at = now.toISOString();
  return withDerived({
    id,
    name: input.name,
    description: input.description ?? null,
    billingEntityId: billingEntity.id,
    billingEntityName: billingEntity.name,
    unsignedCode: input.unsignedCode,
    signedCode: null,
    signedBy: null,
    signedAt: null,
    hash: null,
    editable: true,
    active: false,
    hasUnsignedChanges: true,
    registers: EMPTY_REGISTERS,
    createdAt: at,
    updatedAt: at,
  });
}

/** Editing changes the draft only; what runs stays the signed code until it is signed again. */
export function applyFdlCodeBlockPatch(current: FdlCodeBlock, patch: Schema<'FdlCodeBlockPatch'>, now: Date): FdlCodeBlock {
  assertEditable(current);
  assertValidCode(patch.unsignedCode);
  const next = { ...current, updatedAt: now.toISOString() };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.unsignedCode !== undefined) next.unsignedCode = patch.unsignedCode;
  return withDerived(next);
}

/** Who may change, revert, discard or delete a block it sees (`editable`): holders of `plugins:write`. */
export function mayEdit(scopes: ReadonlySet<string>): boolean {
  return scopes.has('plugins:write');
}

export function assertEditable(block: FdlCodeBlock): void {
  if (!block.editable) throw new ApiProblem('forbidden', { detail: 'This FDL code block cannot be changed by you.' });
}

export function revertFdlCodeBlock(current: FdlCodeBlock, now: Date): FdlCodeBlock {
  assertEditable(current);
  if (current.signedCode === null) {
    throw new ApiProblem('invalid_state', { detail: 'The block was never signed, so there is no signed code to revert to.' });
  }
  return withDerived({ ...current, unsignedCode: current.signedCode, updatedAt: now.toISOString() });
}

/** Drops the draft of a signed block (a never-signed block is deleted instead: see `discardDeletes`). */
export function discardDraft(current: FdlCodeBlock, now: Date): FdlCodeBlock {
  assertEditable(current);
  return withDerived({ ...current, unsignedCode: null, updatedAt: now.toISOString() });
}

export const discardDeletes = (block: FdlCodeBlock): boolean => block.signedCode === null;

export async function signFdlCodeBlock(current: FdlCodeBlock, signer: string, now: Date): Promise<FdlCodeBlock> {
  if (current.unsignedCode === null) throw new ApiProblem('invalid_state', { detail: 'There is no draft to sign.' });
  if (current.unsignedCode === current.signedCode) {
    throw new ApiProblem('invalid_state', { detail: 'The draft equals the signed code; there is nothing new to sign.' });
  }
  const error = readLua(current.unsignedCode).diagnostics.find((d) => d.severity === 'error');
  if (error) {
    throw new ApiProblem('invalid_state', { detail: `The draft has a Lua syntax error at line ${error.line}, column ${error.column} (${error.message}); fix it before signing.` });
  }
  const at = now.toISOString();
  return withDerived({
    ...current,
    signedCode: current.unsignedCode,
    signedBy: signer.slice(0, 254),
    signedAt: at,
    hash: await sha256Hex(current.unsignedCode),
    updatedAt: at,
  });
}

/** A configuration provider as the signed code defines it (values without their current settings). */
export interface ProviderDefinition {
  functionName: string;
  name: string;
  providerType: string;
  providerGroup: string | null;
  resourceConfigs: ResourceType[];
  values: ConfigurationValue[];
}

const clip = (s: string | null, max: number) => (s === null ? null : s.slice(0, max));

function valueDefinition(item: LuaValue): ConfigurationValue | null {
  if (item === null || typeof item !== 'object') return null;
  const key = text(item, 'key');
  const validator = text(item, 'validator')?.toUpperCase() ?? 'BIG_TEXT';
  if (!key || !VALUE_KEY.test(key) || !VALIDATORS.has(validator)) return null;
  const args: Schema<'ValueValidatorArgs'> = {};
  const pattern = text(item, 'pattern');
  if (validator === 'REGEX' && pattern) args.pattern = pattern.slice(0, 1000);
  const options = item.fields.get('options');
  if (validator === 'ENUM' && options && typeof options === 'object') {
    args.options = options.list.filter((o): o is string => typeof o === 'string').map((o) => o.slice(0, 200)).slice(0, 200);
  }
  for (const bound of ['min', 'max'] as const) {
    const v = text(item, bound);
    if ((validator === 'NUMERIC_INT' || validator === 'NUMERIC_DOUBLE') && v !== null && /^-?\d+(\.\d+)?$/.test(v)) args[bound] = v;
  }
  const initial = validator === 'PASSWORD' ? null : text(item, 'default');
  return {
    key,
    name: clip(text(item, 'name') ?? key, 200)!,
    description: clip(text(item, 'description'), 4000),
    validator: validator as ConfigurationValue['validator'],
    validatorArgs: Object.keys(args).length ? args : null,
    value: initial,
    hasValue: initial !== null,
    required: item.fields.get('required') === true,
  };
}

/** The configuration providers signed code defines. */
export function providerDefinitions(signedCode: string | null): ProviderDefinition[] {
  if (signedCode === null) return [];
  return readLua(signedCode).registrations
    .filter((fn) => CONFIG_PROVIDER_APIS.has(fn.api))
    .slice(0, 100)
    .map((fn) => {
      const d: LuaTable = fn.definition;
      const providerType = text(d, 'providerType');
      const configs = d.fields.get('resourceConfigs');
      const resourceConfigs = configs && typeof configs === 'object'
        ? [...new Set(configs.list.filter((c): c is string => typeof c === 'string').map((c) => c.toUpperCase()))].filter((c) => RESOURCE_TYPES.has(c)).slice(0, 20)
        : [];
      const valuesTable = d.fields.get('values');
      const values: ConfigurationValue[] = [];
      if (valuesTable && typeof valuesTable === 'object') {
        for (const item of valuesTable.list) {
          const value = valueDefinition(item);
          if (value && !values.some((v) => v.key === value.key) && values.length < 200) values.push(value);
        }
      }
      return {
        functionName: fn.name,
        name: clip(text(d, 'name') ?? fn.name, 200)!,
        providerType: providerType && /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/.test(providerType) ? providerType : 'GENERIC',
        providerGroup: clip(text(d, 'providerGroup'), 100),
        resourceConfigs: resourceConfigs as ResourceType[],
        values,
      };
    });
}

/**
 * A provider re-defined by newly signed code: the definition's fields, and each value keeps its current setting
 * when the key and validator are unchanged and the setting still passes.
 */
export function redefineProvider(current: ConfigurationProvider, definition: ProviderDefinition, now: Date): ConfigurationProvider {
  const values = definition.values.map((v) => {
    const old = current.values.find((o) => o.key === v.key && o.validator === v.validator);
    if (!old || !old.hasValue) return v;
    if (v.validator === 'PASSWORD') return { ...v, value: null, hasValue: true };
    if (old.value !== null && checkValue(v.validator, v.validatorArgs, old.value) === null) return { ...v, value: old.value, hasValue: true };
    return v;
  });
  return {
    ...current,
    name: definition.name,
    providerType: definition.providerType,
    providerGroup: definition.providerGroup,
    resourceConfigs: definition.resourceConfigs,
    values,
    updatedAt: now.toISOString(),
  };
}

export function newProvider(id: string, block: FdlCodeBlock, definition: ProviderDefinition, now: Date): ConfigurationProvider {
  const at = now.toISOString();
  return {
    id,
    name: definition.name,
    providerType: definition.providerType,
    providerGroup: definition.providerGroup,
    fdlCodeBlockId: block.id,
    billingEntityId: block.billingEntityId,
    billingEntityName: block.billingEntityName,
    resourceConfigs: definition.resourceConfigs,
    values: definition.values,
    createdAt: at,
    updatedAt: at,
  };
}

export interface ValuesChange {
  next: ConfigurationProvider;
  /** PASSWORD values to store (key → secret) and to clear. */
  setSecrets: Map<string, string>;
  clearSecrets: string[];
}

/** Applies a merge patch of values: each is checked by its validator; every problem is reported by key (422). */
export function applyValuesPatch(current: ConfigurationProvider, patch: Schema<'ConfigurationProviderPatch'>, now: Date): ValuesChange {
  const errors: FieldError[] = [];
  const values = current.values.map((v) => ({ ...v }));
  const setSecrets = new Map<string, string>();
  const clearSecrets: string[] = [];
  for (const [key, input] of Object.entries(patch.values)) {
    const pointer = `/values/${key}`;
    const value = values.find((v) => v.key === key);
    if (!value) {
      errors.push({ location: 'body', pointer, code: 'unknown_key', message: `The provider has no value "${key}".` });
      continue;
    }
    if (input === null) {
      if (value.required) {
        errors.push({ location: 'body', pointer, code: 'required', message: `"${key}" is required and cannot be cleared.` });
        continue;
      }
      value.value = null;
      value.hasValue = false;
      if (value.validator === 'PASSWORD') clearSecrets.push(key);
      continue;
    }
    const unusable = validatorProblem(value.validator, value.validatorArgs);
    if (unusable) {
      errors.push({ location: 'body', pointer, code: 'invalid_validator', message: `"${key}" cannot be set: ${unusable.message} The code block that defines it must be fixed.` });
      continue;
    }
    const problem = checkValue(value.validator, value.validatorArgs, input);
    if (problem) {
      errors.push({ location: 'body', pointer, code: 'invalid_value', message: `"${key}" ${problem}.` });
      continue;
    }
    value.hasValue = true;
    if (value.validator === 'PASSWORD') {
      value.value = null;
      setSecrets.set(key, input);
    } else value.value = input;
  }
  if (errors.length) throw new ApiProblem('validation_failed', { detail: 'Some configuration values are not valid.', errors });
  return { next: { ...current, values, updatedAt: now.toISOString() }, setSecrets, clearSecrets };
}
