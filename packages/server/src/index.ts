/** @fco-admin/server: the runtime-neutral parts (createApp and the store/area building blocks). */
export { createApp, createAppWithServices, unimplementedOperations, type AppOptions } from './app.js';
export { Store } from './store/store.js';
export { wrapDialect, type Database, type DialectName } from './store/database.js';
export { migrations } from './store/migrations.js';
export { defineEntity, type EntityDefinition, type ColumnDefinition } from './store/entity.js';
export { defineArea, type Area } from './areas/area.js';
export { ApiProblem } from './http/problem.js';
export { runSeed, type SeedOptions, type SeedStep, type SeedContext } from './seed/seed.js';
export { seedSteps } from './seed/steps.js';
