/**
 * Configuration validators (of a provider's values, or of a product component's configurable values): whether a
 * validator can be used at all, and whether a value passes it. REGEX patterns are guarded: the server refuses to run
 * patterns that can backtrack catastrophically (a repeated group that itself repeats, like `(a+)+`), backreferences,
 * and long inputs.
 */
import type { Schema } from '../../spec/types.js';

type Validator = Schema<'ValueValidator'>;
type ValidatorArgs = Schema<'ValueValidatorArgs'>;

/** Longest value a REGEX validator will match against. */
export const MAX_REGEX_INPUT = 2000;
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,?\d*\})/;
const BACKREFERENCE = /\\(?:[1-9]|k<)/;

/** Why the server will not run this pattern, in plain words; null when it will. */
export function patternProblem(pattern: string): string | null {
  if (pattern.length > 1000) return 'The pattern is longer than 1000 characters.';
  if (NESTED_QUANTIFIER.test(pattern)) {
    return 'The pattern repeats a group that itself repeats (like "(a+)+"): matching it can take exponential time, so the server does not run it.';
  }
  if (BACKREFERENCE.test(pattern)) return 'The pattern refers back to a group (like "\\1"): the server does not run backreferences.';
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return `The pattern is not a valid regular expression: ${(error as Error).message}.`;
  }
  return null;
}

/** A pattern the server is willing to run, anchored to the whole value; null if refused or invalid. */
export function safePattern(pattern: string): RegExp | null {
  return patternProblem(pattern) === null ? new RegExp(`^(?:${pattern})$`, 'u') : null;
}

export interface ValidatorProblem {
  /** The argument at fault (`pattern`, `options`, `min`), or null for the arguments as a whole. */
  argument: 'pattern' | 'options' | 'min' | null;
  message: string;
}

/** What makes a validator unusable (no value could be checked against it), or null when it is fine. */
export function validatorProblem(validator: Validator, args: ValidatorArgs | null): ValidatorProblem | null {
  switch (validator) {
    case 'REGEX': {
      if (!args?.pattern) return { argument: args ? 'pattern' : null, message: 'A REGEX validator needs a pattern (validatorArgs.pattern).' };
      const problem = patternProblem(args.pattern);
      return problem ? { argument: 'pattern', message: problem } : null;
    }
    case 'ENUM':
      return args?.options?.length ? null : { argument: args ? 'options' : null, message: 'An ENUM validator needs its options (validatorArgs.options).' };
    case 'NUMERIC_INT':
    case 'NUMERIC_DOUBLE':
      return args?.min !== undefined && args.max !== undefined && Number(args.min) > Number(args.max)
        ? { argument: 'min', message: `The minimum ${args.min} is above the maximum ${args.max}.` }
        : null;
    default:
      return null;
  }
}

function inRange(value: number, args: ValidatorArgs | null): string | null {
  if (args?.min !== undefined && value < Number(args.min)) return `must be at least ${args.min}`;
  if (args?.max !== undefined && value > Number(args.max)) return `must be at most ${args.max}`;
  return null;
}

export function checkValue(validator: Validator, args: ValidatorArgs | null, value: string): string | null {
  switch (validator) {
    case 'REGEX': {
      const regex = args?.pattern ? safePattern(args.pattern) : null;
      if (!regex) return 'cannot be checked: the validator has no pattern the server will run';
      if (value.length > MAX_REGEX_INPUT) return `must be at most ${MAX_REGEX_INPUT} characters`;
      return regex.test(value) ? null : `must match ${args!.pattern}`;
    }
    case 'ENUM':
      return args?.options?.includes(value) ? null : `must be one of ${(args?.options ?? []).join(', ')}`;
    case 'NUMERIC_INT':
      if (!/^-?\d{1,15}$/.test(value)) return 'must be an integer';
      return inRange(Number(value), args);
    case 'NUMERIC_DOUBLE':
      if (!/^-?\d{1,15}(?:\.\d{1,15})?$/.test(value)) return 'must be a decimal number';
      return inRange(Number(value), args);
    case 'BOOLEAN':
      return value === 'true' || value === 'false' ? null : 'must be true or false';
    case 'DATE': {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      const date = match ? new Date(`${value}T00:00:00Z`) : null;
      return date && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? null : 'must be a date (YYYY-MM-DD)';
    }
    case 'PASSWORD':
      return value.length > 0 ? null : 'must not be empty';
    case 'BIG_TEXT':
      return null;
    default:
      return 'has an unknown validator';
  }
}
