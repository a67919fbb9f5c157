import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { CASE_STATUSES, CASE_TYPES, GRADES, SEVERITIES, SLA_FILTERS } from '@closeloop/domain';
import { Button, Col, DatePicker, Flex, Form, Input, type InputRef, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, type RefObject, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartments, useUsers } from '../../admin/api.ts';
import type { ListFilters, ListState, SlaFilter } from './params.ts';
import { CustomerSelect, ProductSelect } from './SearchSelects.tsx';

interface Props {
  state: ListState;
  onChange: (patch: Partial<ListFilters>) => void;
  onReset: () => void;
  searchRef: RefObject<InputRef | null>;
}

const ADVANCED: (keyof ListFilters)[] = ['sla', 'severity', 'grade', 'departmentId', 'customerId', 'productId', 'from', 'to'];

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <Col xs={24} sm={12} lg={8} xxl={6}>
      <Form.Item label={label} htmlFor={id} style={{ marginBottom: 12 }}>
        {children}
      </Form.Item>
    </Col>
  );
}

/** The filter bar of the case list; every change goes straight to the URL. */
export function CaseFilters({ state, onChange, onReset, searchRef }: Props) {
  const { t, i18n } = useTranslation(['caseList', 'common']);
  const users = useUsers();
  const departments = useDepartments();
  const [q, setQ] = useState(state.q ?? '');
  useEffect(() => setQ(state.q ?? ''), [state.q]);
  const hasAdvanced = ADVANCED.some((k) => state[k] !== undefined);
  const [expanded, setExpanded] = useState(hasAdvanced);
  useEffect(() => {
    if (hasAdvanced) setExpanded(true);
  }, [hasAdvanced]);

  const multi = (key: 'status' | 'type' | 'severity' | 'grade', options: { value: string; label: string }[]) => (
    <Select
      id={`f-${key}`}
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      value={state[key] ?? []}
      onChange={(v: string[]) => onChange({ [key]: v.length ? v : undefined })}
      options={options}
      placeholder={t('filters.any')}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: '100%' }}
    />
  );
  const isZh = i18n.language === 'zh-CN';

  return (
    <Form
      layout="horizontal"
      labelCol={{ flex: isZh ? '72px' : '104px' }}
      labelWrap
      wrapperCol={{ flex: '1 1 0', style: { minWidth: 0 } }}
      colon={false}
    >
      <Row gutter={16}>
        <Field id="f-q" label={t('filters.q')}>
          <Input.Search
            id="f-q"
            ref={searchRef}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => onChange({ q: v.trim() || undefined })}
            placeholder={t('filters.qPlaceholder')}
            allowClear
            enterButton
          />
        </Field>
        <Field id="f-status" label={t('filters.status')}>
          {multi('status', [
            { value: 'open', label: t('common:enums.caseStatus.open') },
            ...CASE_STATUSES.map((s) => ({ value: s, label: t(`common:enums.caseStatus.${s}`) })),
          ])}
        </Field>
        <Field id="f-type" label={t('filters.type')}>
          {multi(
            'type',
            CASE_TYPES.map((s) => ({ value: s, label: t(`common:enums.caseType.${s}`) })),
          )}
        </Field>
        <Field id="f-owner" label={t('filters.owner')}>
          <Select
            id="f-owner"
            allowClear
            value={state.ownerId}
            onChange={(v?: string) => onChange({ ownerId: v ?? undefined })}
            loading={users.isPending}
            options={[
              { value: 'none', label: t('unassigned') },
              ...(users.data ?? []).filter((u) => u.isActive || u.id === state.ownerId).map((u) => ({ value: u.id, label: u.displayName })),
            ]}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('filters.any')}
            style={{ width: '100%' }}
          />
        </Field>
        {expanded && (
          <>
            <Field id="f-sla" label={t('filters.sla')}>
              <Select<SlaFilter>
                id="f-sla"
                allowClear
                value={state.sla}
                onChange={(v?: SlaFilter) => onChange({ sla: v ?? undefined })}
                options={SLA_FILTERS.map((f) => ({ value: f, label: t(`filters.slaOptions.${f}`) }))}
                placeholder={t('filters.any')}
                style={{ width: '100%' }}
              />
            </Field>
            <Field id="f-severity" label={t('filters.severity')}>
              {multi(
                'severity',
                SEVERITIES.map((s) => ({ value: s, label: t(`common:enums.severity.${s}`) })),
              )}
            </Field>
            <Field id="f-grade" label={t('filters.grade')}>
              {multi(
                'grade',
                GRADES.map((s) => ({ value: s, label: t(`common:enums.grade.${s}`) })),
              )}
            </Field>
            <Field id="f-department" label={t('filters.department')}>
              <Select
                id="f-department"
                allowClear
                value={state.departmentId}
                onChange={(v?: string) => onChange({ departmentId: v ?? undefined })}
                loading={departments.isPending}
                options={(departments.data ?? []).map((d) => ({ value: d.id, label: isZh ? d.nameZh : d.nameEn }))}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('filters.any')}
                style={{ width: '100%' }}
              />
            </Field>
            <Field id="f-customer" label={t('filters.customer')}>
              <CustomerSelect id="f-customer" value={state.customerId} onChange={(v) => onChange({ customerId: v })} />
            </Field>
            <Field id="f-product" label={t('filters.product')}>
              <ProductSelect id="f-product" value={state.productId} onChange={(v) => onChange({ productId: v })} />
            </Field>
            <Field id="f-received" label={t('filters.received')}>
              <DatePicker.RangePicker
                id={{ start: 'f-received' }}
                value={[state.from ? dayjs(state.from) : null, state.to ? dayjs(state.to) : null]}
                allowEmpty={[true, true]}
                onChange={(range) =>
                  onChange({ from: range?.[0]?.format('YYYY-MM-DD') ?? undefined, to: range?.[1]?.format('YYYY-MM-DD') ?? undefined })
                }
                style={{ width: '100%' }}
              />
            </Field>
          </>
        )}
        <Col flex="auto">
          <Flex justify="flex-end" gap={8} style={{ marginBottom: 12 }}>
            <Button onClick={onReset}>{t('common:actions.reset')}</Button>
            <Button type="link" onClick={() => setExpanded((e) => !e)} aria-expanded={expanded}>
              {expanded ? t('filters.fewer') : t('filters.more')} {expanded ? <UpOutlined /> : <DownOutlined />}
            </Button>
          </Flex>
        </Col>
      </Row>
    </Form>
  );
}
