import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.ts';
import { PASSWORD_MIN_LENGTH, passwordProblem } from './password-policy.ts';

describe('password policy', () => {
  it.each([
    ['          ', 'password_too_short'],
    ['  short   ', 'password_too_short'],
    ['aaaaaaaaaa', 'password_trivial'],
    ['1111111111111111', 'password_trivial'],
    ['1234567890', 'password_trivial'],
    ['0987654321', 'password_trivial'],
    ['abcdefghijkl', 'password_trivial'],
    ['qwertyuiop', 'password_trivial'],
    ['abcabcabcabc', 'password_trivial'],
    ['12121212121212121', 'password_trivial'],
    ['password12', 'password_common'],
    ['Password123!', 'password_common'],
    ['woaini1314', 'password_common'],
    ['1qaz2wsx3edc', 'password_common'],
    ['iloveyou2024', 'password_common'],
    ['5201314woaini', 'password_common'],
    ['liangchao2024!', 'password_contains_login'],
    ['LiangChao-1990', 'password_contains_login'],
    ['bluesky', 'password_too_short'],
    ['blueskyocean', 'password_too_simple'],
  ])('refuses %j (%s)', (password, code) => {
    expect(passwordProblem(password, { login: 'liang.chao' })).toBe(code);
  });

  it.each([
    'a-long-test-password',
    'admin-password-for-tests',
    'correct horse battery',
    'brand-new-password-1',
    'Gx7kPq2mZt',
    'all lower case but long enough',
    '维修部门的新密码2026',
  ])('accepts %j', (password) => {
    expect(passwordProblem(password, { login: 'admin' })).toBeUndefined();
  });

  it('accepts the generated first-administrator passwords (20 characters of an unambiguous alphabet)', () => {
    const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    for (let i = 0; i < 200; i += 1) {
      const p = Array.from({ length: 20 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
      expect(passwordProblem(p, { login: 'admin' }), p).toBeUndefined();
    }
  });

  it('ignores a login shorter than three characters (it would match too much)', () => {
    expect(passwordProblem('li-na-service-desk', { login: 'li' })).toBeUndefined();
  });

  it('holds a few hundred common passwords, lower case, without duplicates', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(300);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
    expect(PASSWORD_MIN_LENGTH).toBe(10);
  });
});
