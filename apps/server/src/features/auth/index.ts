export { findDepartment, findUserById, findUserByLogin, rolesOfUsers } from './repository.ts';
export { authRoutes } from './routes.ts';
export {
  authenticateSession,
  authenticateToken,
  createFirstAdministrator,
  createUser,
  listDepartments,
  SESSION_COOKIE,
  seedAccessDefaults,
} from './service.ts';
