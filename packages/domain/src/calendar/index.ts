/**
 * Business calendar (工作日历): working hours, public holidays and make-up workdays, and the
 * working-time arithmetic that deadlines are computed with.
 */
export {
  addCalendarHours,
  addWorkingMinutes,
  type BusinessCalendar,
  compileCalendar,
  endOfNthWorkingDay,
  isWorkingDay,
  isWorkingTime,
  nextWorkingInstant,
  type WorkingInterval,
  workingMinutesBetween,
  workingWindowsOn,
} from './arithmetic.ts';
export { type ImportProblem, isWorkingDaySummary, type OverrideImport, parseHolidayCnJson, parseICalendar } from './import.ts';
export {
  CalendarDefinition,
  type CalendarDefinitionInput,
  DAY_OVERRIDE_KINDS,
  DayOverride,
  type DayOverrideKind,
  DEFAULT_MAKE_UP_WINDOWS,
  DEFAULT_TIME_ZONE,
  DEFAULT_WEEK,
  TimeOfDay,
  WeekHours,
  WorkingWindow,
  WorkingWindows,
} from './types.ts';
export {
  addLocalDays,
  isoWeekday,
  isValidTimeZone,
  localDateOf,
  timeZoneOffsetMs,
  type ZonedDateTime,
  zonedDateTime,
  zonedTimeToInstant,
} from './zoned.ts';
