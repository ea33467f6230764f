import { defineElement } from '../define-element.js';
import { FcoAdminPage } from './admin-page.js';

defineElement('fco-admin-page', FcoAdminPage);

declare global {
  interface HTMLElementTagNameMap {
    'fco-admin-page': FcoAdminPage;
  }
}
