import type { AssignmentConditions, AssignmentRuleView } from '@closeloop/domain';
import type { RuleRow } from './repository.ts';

export const presentRule = (r: RuleRow): AssignmentRuleView => ({
  id: r.id,
  name: r.name,
  position: r.position,
  isActive: r.isActive,
  conditions: r.conditions as AssignmentConditions,
  departmentId: r.departmentId,
  strategy: r.strategy as AssignmentRuleView['strategy'],
  userIds: r.userIds,
  version: r.version,
});
