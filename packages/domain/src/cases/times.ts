/**
 * When a case was received and when its problem occurred must be times that can be true: a
 * received time in the future would never breach its deadlines, one long past would breach at
 * once. Pure: the caller passes "now" (the request's clock) and the company's limits.
 */

export interface CaseTimeLimits {
  /** How far back a case's received time may be recorded (a letter read late, a call typed in later). */
  maxBackdateDays: number;
  /** Tolerated difference between the caller's clock and the server's. */
  skewMinutes: number;
}

export const DEFAULT_CASE_TIME_LIMITS: CaseTimeLimits = { maxBackdateDays: 60, skewMinutes: 5 };

export interface CaseTimeProblem {
  field: 'receivedAt' | 'occurredAt';
  message: string;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The problems with a case's times, each naming its field; empty when they can be true. */
export function caseTimeProblems(
  times: { receivedAt?: Date | null | undefined; occurredAt?: Date | null | undefined },
  now: Date,
  limits: CaseTimeLimits = DEFAULT_CASE_TIME_LIMITS,
): CaseTimeProblem[] {
  const problems: CaseTimeProblem[] = [];
  const latest = now.getTime() + limits.skewMinutes * MINUTE;
  const { receivedAt, occurredAt } = times;
  if (receivedAt) {
    if (receivedAt.getTime() > latest) {
      problems.push({ field: 'receivedAt', message: 'cannot be in the future' });
    } else if (receivedAt.getTime() < now.getTime() - limits.maxBackdateDays * DAY) {
      problems.push({
        field: 'receivedAt',
        message: `cannot be more than ${limits.maxBackdateDays} days ago (CASE_BACKDATE_DAYS); register older feedback through the import`,
      });
    }
  }
  if (occurredAt) {
    if (occurredAt.getTime() > latest) {
      problems.push({ field: 'occurredAt', message: 'cannot be in the future' });
    } else if (receivedAt && occurredAt.getTime() > receivedAt.getTime() + limits.skewMinutes * MINUTE) {
      problems.push({ field: 'occurredAt', message: 'cannot be after the case was received' });
    }
  }
  return problems;
}
