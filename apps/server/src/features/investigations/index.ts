/** The investigation of a case (调查分析) and its report to management; only app.ts registers it for now. */
export { investigationRoutes } from './routes.ts';
