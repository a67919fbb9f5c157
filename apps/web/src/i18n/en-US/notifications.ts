import type { Messages } from '../types.ts';
import type zh from '../zh-CN/notifications.ts';

export default {
  title: 'Notifications',
  bell: 'Notifications',
  bellUnread: 'Notifications, {{count}} unread',
  unreadItem: 'Unread: {{text}}',
  markAll: 'Mark all read',
  empty: 'No notifications',
  text: {
    assigned: 'Case {{number}} was assigned to you',
    assignedBy: '{{actor}} assigned case {{number}} to you',
    warning: 'Case {{number}}: {{clock}} due soon',
    breached: 'Case {{number}}: {{clock}} overdue',
    escalated: 'Case {{number}}: {{clock}} overdue, escalated to step {{level}}',
    approvalRequested: 'Case {{number}}: disposition {{disposition}} waits for your approval',
  },
  away: {
    menuAtWork: 'Status: at work',
    menuAway: 'Away',
    menuAwayUntil: 'Away (until {{date}})',
    title: 'Away status',
    switch: 'I’m away (travelling, on leave …)',
    away: 'Away',
    atWork: 'At work',
    until: 'Away until',
    untilHint: 'Optional. You are back automatically after that day; without a date, switch back yourself.',
    hint: 'While you are away, automatic assignment skips you and colleagues can see it.',
    nowAway: 'You are marked away',
    nowBack: 'You are back at work',
  },
} satisfies Messages<typeof zh>;
