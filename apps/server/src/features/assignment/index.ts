export { assignmentRoutes } from './routes.ts';
export { route } from './service.ts';
