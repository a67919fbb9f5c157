export { assignmentRoutes } from './routes.ts';
export { route } from './routing.ts';
