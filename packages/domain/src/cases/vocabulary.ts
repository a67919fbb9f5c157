/** Closed vocabularies of the case register (PROCEDURE.md §2–§3). The database constrains the same values. */

export const CASE_TYPES = ['complaint', 'inquiry', 'service_request', 'return', 'suggestion'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** Kind of service request (only for `service_request`). */
export const SERVICE_KINDS = ['installation', 'repair', 'maintenance', 'training'] as const;

export const CASE_STATUSES = [
  'new',
  'acknowledged',
  'investigating',
  'proposing',
  'awaiting_approval',
  'resolving',
  'awaiting_confirmation',
  'on_hold',
  'closed',
  'rejected',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which the case is finished; everything else is open. */
export const TERMINAL_STATUSES: readonly CaseStatus[] = ['closed', 'rejected'];
export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s));

/** Defect severity (不合格严重性): CR critical, MA major, MI minor. */
export const SEVERITIES = ['CR', 'MA', 'MI'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Complaint grade: general 一般, important 重要, serious 严重, urgent 紧急. */
export const GRADES = ['general', 'important', 'serious', 'urgent'] as const;
export type Grade = (typeof GRADES)[number];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = [
  'phone',
  'email',
  'web_form',
  'chat',
  'social_media',
  'sales_rep',
  'dealer',
  'letter_fax',
  'visit',
  'api',
] as const;

export const CUSTOMER_DEMANDS = ['repair', 'replace', 'refund', 'compensation', 'explanation'] as const;

/** Validity (真实性). */
export const VALIDITIES = ['undetermined', 'genuine', 'misunderstanding', 'not_our_product', 'malicious'] as const;

export const RECURRENCES = ['unknown', 'once', 'intermittent', 'persistent'] as const;

/** Cause category (原因类别). */
export const CAUSE_CATEGORIES = [
  'design',
  'material',
  'manufacturing',
  'assembly',
  'packaging',
  'transport',
  'usage',
  'supplier',
  'service',
  'delivery',
  'billing',
  'attitude',
  'other',
] as const;

/** Root-cause category by 6M, for Pareto and fishbone analysis. */
export const ROOT_CAUSES_6M = ['man', 'machine', 'material', 'method', 'measurement', 'environment'] as const;

/** Whose fault (责任判定). */
export const RESPONSIBILITY_PARTIES = ['ours', 'customer', 'supplier', 'carrier', 'not_established'] as const;
export type ResponsibilityParty = (typeof RESPONSIBILITY_PARTIES)[number];

export const LINK_KINDS = ['related', 'duplicate', 'reopened_from', 'reopened_as', 'follow_up'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const COMMENT_VISIBILITIES = ['internal', 'customer'] as const;

/** Why someone watches a case: the first responder, an owner it was taken from, or added by hand. */
export const WATCHER_REASONS = ['first_responder', 'previous_owner', 'manual'] as const;
export type CommentVisibility = (typeof COMMENT_VISIBILITIES)[number];
