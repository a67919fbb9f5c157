import type { Messages } from '../types.ts';
import type zh from '../zh-CN/workspace.ts';

export default {
  title: 'Workspace',
  greeting: 'Hello, {{name}}. These are the cases that need your attention.',
  queues: {
    label: 'Case queues',
    loadFailed: 'Could not load the queue counts',
    mine: { title: 'My cases', hint: 'Open cases I own' },
    dueSoon: { title: 'Due soon', hint: 'Open cases past their warning time' },
    overdue: { title: 'Overdue', hint: 'Past due and not done' },
    department: { title: 'Department', hint: 'Open cases of my department', noDepartment: 'You belong to no department' },
    unassigned: { title: 'Unassigned', hint: 'Open cases without an owner' },
    recentlyUpdated: { title: 'Updated', hint: 'Updated in the last 24 h' },
    open: { title: 'All open', hint: 'Every case not yet closed' },
  },
  myCases: {
    heading: 'My open cases (most urgent first)',
    viewAll: 'View all',
    viewAllCount: 'View all {{count}}',
    empty: 'You have no open cases',
    loadFailed: 'Could not load my cases',
    number: 'Number',
    priority: 'Priority',
    title: 'Title',
    customer: 'Customer',
    status: 'Status',
    updatedAt: 'Updated',
  },
  savedFilters: {
    heading: 'My filters',
    name: 'Name',
    actions: 'Actions',
    empty: 'No saved filters yet. Set filters on the case list, then choose “Save filter”.',
    goToList: 'Go to the case list',
    loadFailed: 'Could not load the saved filters',
    delete: 'Delete filter “{{name}}”',
    confirmDelete: 'Delete the filter “{{name}}”?',
    deleted: 'Filter “{{name}}” deleted',
  },
} satisfies Messages<typeof zh>;
