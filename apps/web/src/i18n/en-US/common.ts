import { VOCABULARY_LABELS } from '@closeloop/domain';
import type { Messages } from '../types.ts';
import type zh from '../zh-CN/common.ts';

export default {
  appName: 'Closeloop',
  nav: {
    workspace: 'Workspace',
    cases: 'Cases',
    newCase: 'Register case',
    customers: 'Customers',
    products: 'Products',
    units: 'Units',
    settings: 'Settings',
  },
  userMenu: { language: 'Language', logout: 'Sign out', signedInAs: 'Signed in as {{name}}' },
  actions: {
    save: 'Save',
    cancel: 'Cancel',
    confirm: 'OK',
    edit: 'Edit',
    create: 'New',
    delete: 'Delete',
    search: 'Search',
    reset: 'Reset',
    reload: 'Reload',
    back: 'Back',
    export: 'Export',
    more: 'More',
    close: 'Close',
  },
  states: {
    loading: 'Loading…',
    empty: 'Nothing here yet',
    error: 'Something went wrong',
    retry: 'Retry',
    none: 'None',
    unknown: 'Unknown',
    yes: 'Yes',
    no: 'No',
  },
  errors: {
    network: 'Cannot reach the server. Check the connection and try again.',
    sessionExpired: 'Your session has expired. Please sign in again.',
    forbidden: 'You are not allowed to do this.',
    notFound: 'This record does not exist.',
    conflict: 'Someone else changed this record.',
    generic: 'That did not work: {{detail}}',
  },
  enums: VOCABULARY_LABELS['en-US'],
} satisfies Messages<typeof zh>;
