/**
 * The typed appearance a host passes to `<fco-admin-provider>`. Each field maps onto one `--fco-*` custom property,
 * which every widget's stylesheet reads; custom properties inherit through shadow roots, so setting them on the
 * provider themes everything inside it. They are set through the CSSOM (`style.setProperty`), which a strict
 * Content-Security-Policy allows, never through a `style` attribute.
 */
export interface Appearance {
  colorScheme?: 'light' | 'dark';
  accentColor?: string;
  onAccentColor?: string;
  backgroundColor?: string;
  surfaceColor?: string;
  textColor?: string;
  mutedTextColor?: string;
  borderColor?: string;
  dangerColor?: string;
  successColor?: string;
  warningColor?: string;
  focusColor?: string;
  fontFamily?: string;
  fontSize?: string;
  radius?: string;
  spacing?: string;
}

/** Which custom property each appearance field sets. */
export const appearanceProperties: Record<Exclude<keyof Appearance, 'colorScheme'>, string> = {
  accentColor: '--fco-accent',
  onAccentColor: '--fco-on-accent',
  backgroundColor: '--fco-bg',
  surfaceColor: '--fco-surface',
  textColor: '--fco-text',
  mutedTextColor: '--fco-muted',
  borderColor: '--fco-border',
  dangerColor: '--fco-danger',
  successColor: '--fco-success',
  warningColor: '--fco-warning',
  focusColor: '--fco-focus',
  fontFamily: '--fco-font-family',
  fontSize: '--fco-font-size',
  radius: '--fco-radius',
  spacing: '--fco-space',
};

/** Palettes chosen for WCAG AA contrast of text on background and surface in each scheme. */
export const palettes: Record<'light' | 'dark', Required<Omit<Appearance, 'colorScheme'>>> = {
  light: {
    accentColor: '#1a56b8',
    onAccentColor: '#ffffff',
    backgroundColor: '#ffffff',
    surfaceColor: '#f3f5f8',
    textColor: '#1b1f24',
    mutedTextColor: '#515a66',
    borderColor: '#c5cbd3',
    dangerColor: '#b3261e',
    successColor: '#1e6b34',
    warningColor: '#7a4f00',
    focusColor: '#1a56b8',
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    fontSize: '14px',
    radius: '6px',
    spacing: '8px',
  },
  dark: {
    accentColor: '#8ab4f8',
    onAccentColor: '#0b1b33',
    backgroundColor: '#16191d',
    surfaceColor: '#22262c',
    textColor: '#e8eaed',
    mutedTextColor: '#a9b0b9',
    borderColor: '#49505a',
    dangerColor: '#f28b82',
    successColor: '#81c995',
    warningColor: '#fdd663',
    focusColor: '#8ab4f8',
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    fontSize: '14px',
    radius: '6px',
    spacing: '8px',
  },
};

/** Writes the palette of the scheme, overridden by the host's fields, onto `element` as custom properties. */
export function applyAppearance(element: HTMLElement, appearance: Appearance): void {
  const scheme = appearance.colorScheme ?? 'light';
  const values = { ...palettes[scheme], ...appearance };
  for (const [field, property] of Object.entries(appearanceProperties)) {
    const value = values[field as keyof typeof appearanceProperties];
    if (typeof value === 'string' && value !== '') element.style.setProperty(property, value);
  }
  element.style.setProperty('color-scheme', scheme);
}
