import admin from './admin.ts';
import auth from './auth.ts';
import caseList from './case-list.ts';
import cases from './cases.ts';
import common from './common.ts';
import customers from './customers.ts';
import dispositions from './dispositions.ts';
import notifications from './notifications.ts';
import sla from './sla.ts';
import workspace from './workspace.ts';

export default { common, auth, workspace, caseList, cases, customers, admin, sla, notifications, dispositions };
