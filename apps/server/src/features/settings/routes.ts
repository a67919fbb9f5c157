import { CompanySettings } from '@closeloop/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as settings from './service.ts';

const tags = ['settings'];

export const settingsRoutes: FastifyPluginAsyncZod<{ onCompanySettingsChanged: settings.CompanySettingsChanged }> = async (
  app,
  options,
) => {
  app.get(
    '/settings/company',
    {
      config: { permission: 'cases:read' },
      schema: { tags, summary: 'Company settings (province, GM office, auto acknowledgement)', response: { 200: CompanySettings } },
    },
    (r) => settings.getCompanySettings(r.ctx),
  );
  app.put(
    '/settings/company',
    {
      config: { permission: 'sla:manage' },
      schema: { tags, summary: 'Change company settings', body: CompanySettings, response: { 200: CompanySettings } },
    },
    (r) => settings.putCompanySettings(r.ctx, r.body, options.onCompanySettingsChanged),
  );
};
