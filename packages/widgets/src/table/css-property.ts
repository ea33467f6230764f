import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets one CSS property on the element through the CSSOM (`style.setProperty`). A `style` attribute in a template
 * would be blocked by a Content-Security-Policy without 'unsafe-inline'; the CSSOM is not.
 */
class CssPropertyDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProperty() belongs on an element: <div ${cssProperty(…)}>');
  }

  render(_name: string, _value: string) {
    return nothing;
  }

  override update(part: ElementPart, [name, value]: [string, string]) {
    (part.element as HTMLElement).style.setProperty(name, value);
    return nothing;
  }
}

export const cssProperty = directive(CssPropertyDirective);
