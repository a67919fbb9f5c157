export { settingsRoutes } from './routes.ts';
export {
  type CompanySettingsChanged,
  companySettings,
  gmOfficeDepartmentId,
  parseCompanySettings,
  putCompanySettings,
} from './service.ts';
