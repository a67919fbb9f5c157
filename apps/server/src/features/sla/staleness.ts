import type { CompanySettingsChanged } from '../settings/index.ts';
import { markClocksStale } from './repository.ts';

/** Deadlines depend on the home province (same province, neighbours, other provinces): a new one marks them stale. */
export const onCompanySettingsChanged: CompanySettingsChanged = async (tx, before, after, now) => {
  if (before.province !== after.province) await markClocksStale(tx, now);
};
