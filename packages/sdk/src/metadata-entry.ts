// `@fco-admin/sdk/metadata`: the spec's enums, list fields and request bodies as named exports
// (`import { listServers } from '@fco-admin/sdk/metadata'`), so any bundler keeps only the ones a page uses.
export * from './generated/metadata.js';
