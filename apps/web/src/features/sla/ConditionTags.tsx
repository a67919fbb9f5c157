import type { AssignmentConditions, SlaConditions } from '@closeloop/domain';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Conditions = Partial<SlaConditions & AssignmentConditions>;

/** The conditions of a policy or rule as tags, one colour per kind; "all cases" when there are none. */
export function ConditionTags({ conditions, customerName }: { conditions: Conditions; customerName?: (id: string) => string }) {
  const { t } = useTranslation(['sla', 'common']);
  const tagsOf = (c: Omit<Conditions, 'anyOf'>): { key: string; color: string; label: string }[] => [
    ...(c.types ?? []).map((v) => ({ key: `type-${v}`, color: 'blue', label: t(`common:enums.caseType.${v}`) })),
    ...(c.severities ?? []).map((v) => ({ key: `sev-${v}`, color: 'red', label: t(`common:enums.severity.${v}`) })),
    ...(c.grades ?? []).map((v) => ({ key: `grade-${v}`, color: 'orange', label: t(`common:enums.grade.${v}`) })),
    ...(c.causeCategories ?? []).map((v) => ({ key: `cause-${v}`, color: 'purple', label: t(`common:enums.causeCategory.${v}`) })),
    ...(c.regions ?? []).map((v) => ({ key: `region-${v}`, color: 'cyan', label: t(`common:enums.region.${v}`) })),
    ...(c.tiers ?? []).map((v) => ({ key: `tier-${v}`, color: 'gold', label: t(`common:enums.tier.${v}`) })),
    ...(c.productLines ?? []).map((v) => ({ key: `line-${v}`, color: 'geekblue', label: t('productLine', { name: v }) })),
    ...(c.customerIds ?? []).map((v) => ({ key: `cust-${v}`, color: 'green', label: customerName?.(v) ?? `#${v.slice(0, 8)}` })),
  ];
  const tags = tagsOf(conditions);
  // A policy's alternatives: at least one of them must match as well.
  const anyOf = conditions.anyOf ? tagsOf(conditions.anyOf) : [];
  if (tags.length === 0 && anyOf.length === 0) return <Typography.Text type="secondary">{t('allCases')}</Typography.Text>;
  return (
    <Flex wrap gap={4} align="center">
      {tags.map((x) => (
        <Tag key={x.key} color={x.color} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
          {x.label}
        </Tag>
      ))}
      {anyOf.length > 0 && <Typography.Text type="secondary">{t('policies.anyOfTags')}</Typography.Text>}
      {anyOf.map((x) => (
        <Tag key={`any-${x.key}`} color={x.color} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
          {x.label}
        </Tag>
      ))}
    </Flex>
  );
}
