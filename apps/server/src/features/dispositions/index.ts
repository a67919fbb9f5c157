export { addCost } from './costs.ts';
export { dispositionRoutes } from './routes.ts';
export { actOnDisposition, proposeDisposition } from './service.ts';
