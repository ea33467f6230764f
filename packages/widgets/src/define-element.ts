/**
 * Registers `constructor` as `name` unless that name is taken. Registering the same class twice is harmless (two
 * entry points may both need the shared table); a different class under a taken name is a host mistake worth an error.
 */
export function defineElement(name: string, constructor: CustomElementConstructor): void {
  const existing = customElements.get(name);
  if (existing === constructor) return;
  if (existing) throw new Error(`<${name}> is already registered with a different class; register FCO Admin Kit widgets under another name.`);
  customElements.define(name, constructor);
}
