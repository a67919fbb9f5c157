export { customerRoutes } from './routes.ts';
export { createCustomer, createProduct, createUnit, listCustomers, listProducts, listUnits } from './service.ts';
