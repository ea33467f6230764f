/**
 * The widgets' one message catalogue. English is the reference; every other locale must have the same keys (the
 * type checker enforces it), and `enums` must label exactly the spec's enums, every value of each. A catalogue of
 * our own rather than @lit/localize's runtime mode because that keeps the active locale in a module-level singleton,
 * and two providers on one page must be able to speak different languages.
 */
import type { metadata } from '@fco-admin/sdk';
import { en } from './en.js';
import { de } from './de.js';

export { en, de };

type Widen<T> = T extends (...args: infer A) => string
  ? (...args: A) => string
  : T extends string
    ? string
    : { readonly [K in keyof T]: Widen<T[K]> };

/** The shape every locale's catalogue has. */
export type Messages = Widen<typeof en>;

type Metadata = typeof metadata;
/** The spec's enums, by schema name. */
export type EnumName = { [K in keyof Metadata]: Metadata[K] extends readonly string[] ? K : never }[keyof Metadata];
type EnumLabels = { readonly [K in EnumName]: { readonly [V in Metadata[K][number]]: string } };
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Fails to compile when an enum of the spec gains, loses or renames a value the catalogue does not label. */
export const enumsLabelled: Equal<keyof (typeof en)['enums'], EnumName> extends true ? EnumLabels : never = en.enums;

export const catalogues = { en, de } as const;
export type Locale = keyof typeof catalogues;
export const locales = Object.keys(catalogues) as Locale[];
