import '../table/define.js';
import { defineElement } from '../define-element.js';
import { FcoUsers } from './users.js';

defineElement('fco-users', FcoUsers);

declare global {
  interface HTMLElementTagNameMap {
    'fco-users': FcoUsers;
  }
}
