/** The identity tables no billing entity owns: admin staff and their sessions, reached by key (store/records.ts). */
import { recordTable } from '../store/records.js';

export interface StaffRow extends Record<string, unknown> {
  id: string;
  billing_entity_id: string;
  email: string;
  first_name: string;
  last_name: string;
  password_hash: string;
  locked: number;
  created_at: string;
}

export interface SessionRow extends Record<string, unknown> {
  id: string;
  staff_id: string;
  token_type: string;
  created_at: string;
  expires_at: string;
  revoked: number;
}

export const staffTable = recordTable<StaffRow>('staff');
export const sessionsTable = recordTable<SessionRow>('sessions');
