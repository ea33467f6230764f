import { defineElement } from '../define-element.js';
import { FcoAdminProvider } from './admin-provider.js';

defineElement('fco-admin-provider', FcoAdminProvider);

declare global {
  interface HTMLElementTagNameMap {
    'fco-admin-provider': FcoAdminProvider;
  }
}
