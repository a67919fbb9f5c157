import type { Messages } from '../types.ts';
import type zh from '../zh-CN/auth.ts';

export default {
  title: 'Sign in to Closeloop',
  subtitle: 'Customer feedback and after-sales service',
  login: 'Login',
  password: 'Password',
  submit: 'Sign in',
  loginRequired: 'Enter your login',
  passwordRequired: 'Enter your password',
  wrongPassword: 'Wrong login or password.',
  lockedOut: 'Too many failed attempts. Try again in {{minutes}} minutes.',
  expired: 'Your session has expired. Please sign in again.',
  loggedOut: 'You have signed out.',
} satisfies Messages<typeof zh>;
