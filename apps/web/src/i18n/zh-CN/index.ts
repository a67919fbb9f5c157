import admin from './admin.ts';
import auth from './auth.ts';
import cases from './cases.ts';
import common from './common.ts';
import customers from './customers.ts';
import workspace from './workspace.ts';

export default { common, auth, workspace, cases, customers, admin };
