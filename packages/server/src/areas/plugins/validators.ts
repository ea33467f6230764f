/**
 * Checks one configuration value against its validator. Returns why it is invalid, or null when it is fine.
 * REGEX patterns come from code blocks, so they are guarded: patterns with nested quantifiers (the shapes that
 * backtrack catastrophically, like `(a+)+`) are refused, and long inputs are not matched at all.
 */
import type { Schema } from '../../spec/types.js';

type Validator = Schema<'ValueValidator'>;
type ValidatorArgs = Schema<'ValueValidatorArgs'>;

/** Longest value a REGEX validator will match against. */
export const MAX_REGEX_INPUT = 2000;
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,?\d*\})/;

/** A pattern the server is willing to run, anchored to the whole value; null if refused or invalid. */
export function safePattern(pattern: string): RegExp | null {
  if (pattern.length > 1000 || NESTED_QUANTIFIER.test(pattern) || /\\\d/.test(pattern)) return null;
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
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
      if (!regex) return 'the validator\'s pattern cannot be used; the code block must be fixed';
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
