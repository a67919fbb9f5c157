/** What other features (and the command line) may use of the case register. */
export { attachFile, recordAttachment } from './attachment-service.ts';
export { type CaseFilter, countCases } from './list-repository.ts';
export { type CaseDraft, createCaseRecord } from './record.ts';
export { allocateSerial, findCase, insertCase } from './repository.ts';
export { caseRoutes } from './routes.ts';
export { commentOnCase, openCase, updateCase } from './service.ts';
export { transitionCase } from './transition-service.ts';
