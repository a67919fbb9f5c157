export { compiledCalendar } from './calendars.ts';
export {
  clocksOfCase,
  clocksOfNewCase,
  newCaseClockWrites,
  recomputeCaseClocks,
  type SlaContext,
  slaContext,
} from './clocks.ts';
export { presentNewCaseClocks } from './presenter.ts';
export { slaRoutes } from './routes.ts';
export { seedDeadlineDefaults } from './seed.ts';
export { onCompanySettingsChanged } from './staleness.ts';
export { backfillClocks, runSlaSweep, type SweepResult } from './sweep.ts';
