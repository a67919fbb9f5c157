import { COMMON_PASSWORDS } from './common-passwords.ts';

/** Characters a password needs, not counting spaces at either end. */
export const PASSWORD_MIN_LENGTH = 10;
/** From this length one kind of character is enough (a passphrase of lower-case words). */
export const PASSPHRASE_LENGTH = 16;

/** Why a password is refused; the web app words each code in the user's language. */
export const PASSWORD_PROBLEMS = [
  'password_too_short',
  'password_trivial',
  'password_common',
  'password_contains_login',
  'password_too_simple',
] as const;
export type PasswordProblem = (typeof PASSWORD_PROBLEMS)[number];

/** English explanations, for the API's field errors and the start-up message. */
export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, string> = {
  password_too_short: `must have at least ${PASSWORD_MIN_LENGTH} characters besides spaces at either end`,
  password_trivial: 'is one character repeated, a repeated pattern or a run such as 1234567890, abcdefghij or qwertyuiop',
  password_common: 'is a common password, or a common password with digits or symbols added',
  password_contains_login: 'is built on the login: what remains without it is too short',
  password_too_simple: `needs two kinds of characters (lower case, upper case, digits, others) or at least ${PASSPHRASE_LENGTH} characters`,
};

const COMMON = new Set(COMMON_PASSWORDS);

/** Runs of neighbouring characters; a password inside one of them (or reversed) is trivial. */
const RUNS = [
  '01234567890123456789',
  'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertyuiop[]',
  "asdfghjkl;'",
  'zxcvbnm,./',
  '`1234567890-=',
  '!@#$%^&*()_+',
];
const isRun = (p: string) => RUNS.some((run) => run.includes(p) || [...run].reverse().join('').includes(p));

/** The same unit of one to four characters over and over: `aaaaaaaaaa`, `abcabcabca`, `12121212`. */
function isRepeated(chars: string[]) {
  for (let unit = 1; unit <= 4 && unit < chars.length; unit += 1) {
    if (chars.every((c, i) => c === chars[i % unit])) return true;
  }
  return false;
}

const letterDigitOnly = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

function kindsOf(chars: string[]) {
  const kinds = new Set<string>();
  for (const c of chars) kinds.add(/[a-z]/.test(c) ? 'lower' : /[A-Z]/.test(c) ? 'upper' : /[0-9]/.test(c) ? 'digit' : 'other');
  return kinds.size;
}

/**
 * The first reason `password` is refused, or undefined when it is acceptable. The same rule holds
 * wherever a password is set: user creation, an administrator's reset, one's own change and the
 * first administrator's password from CLOSELOOP_ADMIN_PASSWORD.
 */
export function passwordProblem(password: string, context: { login?: string } = {}): PasswordProblem | undefined {
  const trimmed = password.trim();
  const chars = [...trimmed];
  if (chars.length < PASSWORD_MIN_LENGTH) return 'password_too_short';
  const lower = trimmed.toLowerCase();
  if (isRepeated([...lower]) || isRun(lower)) return 'password_trivial';
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (COMMON.has(lower) || COMMON.has(core)) return 'password_common';
  const login = letterDigitOnly(context.login ?? '');
  if (login.length >= 3) {
    const plain = letterDigitOnly(trimmed);
    if (plain.includes(login) && [...plain.replaceAll(login, '')].length < PASSWORD_MIN_LENGTH) return 'password_contains_login';
  }
  if (chars.length < PASSPHRASE_LENGTH && kindsOf(chars) < 2) return 'password_too_simple';
  return undefined;
}
