/**
 * The database schema, one file per feature under `schema/`. Columns carry their domain types
 * (`$type<…>()`) and CHECK constraints are built from the domain's vocabularies, so a value
 * list is written once, in `packages/domain`.
 */
export * from './schema/assignment.ts';
export * from './schema/auth.ts';
export * from './schema/cases.ts';
export * from './schema/customers.ts';
export * from './schema/dispositions.ts';
export * from './schema/notifications.ts';
export * from './schema/settings.ts';
export * from './schema/sla.ts';
export * from './schema/workspace.ts';
