/** @fco-admin/server: the runtime-neutral parts (createApp and the store/area building blocks). */
export { createApp, createAppWithServices, unimplementedOperations, type AppOptions } from './app.js';
export { Store } from './store/store.js';
export { wrapDialect, type Database, type DialectName } from './store/database.js';
export { migrations } from './store/migrations.js';
export { entities } from './store/entities.js';
export { specEntity } from './store/spec-entity.js';
export type { EntityDefinition } from './store/entity.js';
export type { ColumnDefinition } from './store/columns.js';
export type { TenantStore } from './store/tenant-store.js';
export { defineArea, type Area } from './areas/area.js';
export { ApiProblem } from './http/problem.js';
export { runSeed, type SeedOptions, type SeedStep, type SeedContext } from './seed/seed.js';
export { seedSteps } from './seed/steps.js';
