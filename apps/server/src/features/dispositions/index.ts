export { actOnDisposition } from './actions.ts';
export { addCost } from './costs.ts';
export { dispositionRoutes } from './routes.ts';
export { proposeDisposition } from './service.ts';
