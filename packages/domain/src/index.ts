export * from './auth/schemas.ts';
export * from './cases/lifecycle.ts';
export * from './cases/number.ts';
export * from './cases/priority.ts';
export * from './cases/schemas.ts';
export * from './cases/vocabulary.ts';
export * from './common/schemas.ts';
export * from './customers/schemas.ts';
