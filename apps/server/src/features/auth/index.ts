export { findDepartment, findUserById, findUserByLogin, rolesOfUsers } from './repository.ts';
export { authRoutes } from './routes.ts';
export { createFirstAdministrator, createUser, listDepartments, seedAccessDefaults } from './service.ts';
export { authenticateSession, SESSION_COOKIE } from './session-service.ts';
export { authenticateToken } from './token-service.ts';
