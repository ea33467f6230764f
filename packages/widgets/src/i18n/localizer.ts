import { en, locales, type Locale, type Messages } from './messages.js';

/** Money as the API sends it: a decimal string and an ISO 4217 code. */
export interface MoneyValue {
  amount: string;
  currency: string;
}

const intlLocale: Record<Locale, string> = { en: 'en-GB', de: 'de-DE' };

/** Chooses a supported locale for a BCP 47 tag ("de-AT" → "de"); unknown tags fall back to English. */
export function resolveLocale(tag: string | null | undefined): Locale {
  const base = (tag ?? '').toLowerCase().split('-')[0] ?? '';
  return (locales as string[]).includes(base) ? (base as Locale) : 'en';
}

/**
 * Messages and Intl formatters of one locale. Immutable: switching the locale makes a new Localizer, which is what
 * the provider's context hands out, so every consumer re-renders. The messages are the locale's loaded catalogue
 * (`loadCatalogue`); English needs no loading.
 */
export class Localizer {
  readonly messages: Messages;
  readonly intlTag: string;
  /**
   * Formatters by kind, made on first use: an Intl formatter costs a fraction of a millisecond to make, and a page
   * makes localizers (the provider's, the tables' fallbacks) before any value is shown.
   */
  private readonly formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

  constructor(
    readonly locale: Locale,
    messages?: Messages,
  ) {
    if (!messages && locale !== 'en') throw new Error(`The ${locale} catalogue is not loaded: await loadCatalogue('${locale}') first`);
    this.messages = messages ?? en;
    this.intlTag = intlLocale[locale];
  }

  private numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
    let format = this.formats.get(key) as Intl.NumberFormat | undefined;
    if (!format) this.formats.set(key, (format = new Intl.NumberFormat(this.intlTag, options)));
    return format;
  }

  private dateTimeFormat(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
    let format = this.formats.get(key) as Intl.DateTimeFormat | undefined;
    if (!format) this.formats.set(key, (format = new Intl.DateTimeFormat(this.intlTag, options)));
    return format;
  }

  number(value: number): string {
    return this.numberFormat('integer', { maximumFractionDigits: 0 }).format(value);
  }

  /**
   * Formats a decimal-string amount without going through a binary float for the digits that matter: Intl accepts
   * numeric strings (ES2023 Intl.NumberFormat v3) and keeps their precision.
   */
  money(value: MoneyValue): string {
    // Intl throws on a currency that is not an ISO 4217 code; an odd value from a server is shown as it came.
    if (!/^[A-Z]{3}$/.test(value.currency) || !/^-?\d+(\.\d+)?$/.test(value.amount)) return `${value.amount} ${value.currency}`;
    const format = this.numberFormat(`money ${value.currency}`, { style: 'currency', currency: value.currency });
    return format.format(value.amount as unknown as number);
  }

  /** A decimal string with the digits it has (`"0.20"` stays two places), grouped for the locale. */
  decimal(value: string): string {
    const places = value.split('.')[1]?.length ?? 0;
    const format = this.numberFormat(`decimal ${places}`, { minimumFractionDigits: places, maximumFractionDigits: places });
    return format.format(value as unknown as number);
  }

  /** A share of a whole as a percentage (`0.42` → `42%`). */
  percent(fraction: number): string {
    return this.numberFormat('percent', { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
  }

  /** A timestamp's local day, or a calendar date (`YYYY-MM-DD`) as the very day it names, whatever the time zone. */
  date(value: string | null | undefined): string {
    if (!value) return this.messages.none;
    return /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? this.dateTimeFormat('calendar date', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`))
      : this.dateTimeFormat('date', { dateStyle: 'medium' }).format(new Date(value));
  }

  dateTime(value: string | null | undefined): string {
    return value ? this.dateTimeFormat('date time', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value)) : this.messages.none;
  }

  boolean(value: boolean): string {
    return value ? this.messages.yes : this.messages.no;
  }
}
