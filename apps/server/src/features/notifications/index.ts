export { deliverOutbox } from './outbox-worker.ts';
export type { OutboxInsert } from './repository.ts';
export { notificationRoutes } from './routes.ts';
export { customerMessageRow, messageCustomer, notificationRows, notifyUsers } from './service.ts';
export { formatDueAt } from './templates.ts';
