/** What other features may use of the case register. */
export { type CaseFilter, countCases } from './repository.ts';
export { caseEventsInsert, type NewCaseEvent, recordCaseEvents } from './timeline.ts';
