/** The case timeline: every feature records its events through this writer. */
export type { EventInsert } from './repository.ts';
export { caseEventsInsert, type NewCaseEvent, type Recorder, recordCaseEvents, toEventRow } from './writer.ts';
