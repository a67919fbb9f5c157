import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Empty, Flex, Result, Row, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { departmentName, useDepartments } from '../../admin/api.ts';
import { useSession } from '../../auth/session.tsx';
import { type Settlement, useSettlement } from '../api.ts';
import { dispositionProblem, useMoney } from '../format.tsx';

type Labels = {
  section: (k: string) => string;
  col: (k: string) => string;
  department: (id: string | null) => string;
  category: (k: string) => string;
  bearer: (k: string) => string;
};

/** The month's settlement as CSV (UTF-8 with BOM, so Excel opens the Chinese correctly), one section after another. */
export function settlementCsv(s: Settlement, l: Labels): string {
  const cell = (v: unknown) => {
    const text = v === null || v === undefined ? '' : String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows: unknown[][] = [
    [l.section('month'), s.month],
    [l.col('total'), s.total],
    [l.col('recovered'), s.recovered],
    [l.col('net'), Math.round((s.total - s.recovered) * 100) / 100],
    [],
    [l.section('byDepartment')],
    [l.col('department'), l.col('cases'), l.col('amount')],
    ...s.byDepartment.map((r) => [l.department(r.departmentId), r.cases, r.amount]),
    [],
    [l.section('byProduct')],
    [l.col('product'), l.col('amount')],
    ...s.byProduct.map((r) => [r.model ?? '—', r.amount]),
    [],
    [l.section('byCustomer')],
    [l.col('customer'), l.col('amount')],
    ...s.byCustomer.map((r) => [r.name ?? '—', r.amount]),
    [],
    [l.section('byCategory')],
    [l.col('category'), l.col('amount')],
    ...Object.entries(s.byCategory).map(([k, v]) => [l.category(k), v]),
    [],
    [l.section('recoveries')],
    [l.col('bearer'), l.col('party'), l.col('amount'), l.col('recovered'), l.col('outstanding')],
    ...s.recoveries.map((r) => [
      l.bearer(r.bearer),
      r.externalParty ?? '',
      r.amount,
      r.recovered,
      Math.round((r.amount - r.recovered) * 100) / 100,
    ]),
  ];
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** 费用结算: the month's external failure cost for finance, by department, product, customer and category, with recoveries. */
export default function SettlementPage() {
  const { t, i18n } = useTranslation(['dispositions', 'common']);
  const { can } = useSession();
  const money = useMoney();
  const departments = useDepartments();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const key = month.format('YYYY-MM');
  const allowed = can('costs:read');
  const s = useSettlement(key, { enabled: allowed });

  useEffect(() => {
    document.title = `${t('settlement.title')} · ${t('common:appName')}`;
  }, [t]);

  if (!allowed) return <Result status="403" title="403" subTitle={t('common:errors.forbidden')} />;

  const department = (id: string | null) =>
    id
      ? departmentName(
          departments.data?.find((d) => d.id === id),
          i18n.language,
        ) || `#${id.slice(0, 8)}`
      : t('settlement.noDepartment');
  const category = (k: string) => t(`common:enums.costCategory.${k as 'parts'}`, k);
  const bearer = (k: string) => t(`common:enums.costBearer.${k as 'supplier'}`, k);

  const exportCsv = () => {
    if (!s.data) return;
    const csv = settlementCsv(s.data, {
      section: (k) => t(`settlement.${k as 'month'}`),
      col: (k) => t(`settlement.col.${k as 'amount'}`),
      department,
      category,
      bearer,
    });
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = t('settlement.filename', { month: key });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const data = s.data;
  const amount = {
    title: t('settlement.col.amount'),
    dataIndex: 'amount',
    align: 'right' as const,
    width: 140,
    render: (v: number) => money(v),
  };
  const empty = {
    emptyText: s.isPending ? t('common:states.loading') : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('settlement.none')} />,
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="end" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('settlement.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('settlement.intro')}</Typography.Text>
        </div>
        <Flex gap={8} align="center">
          <DatePicker
            picker="month"
            value={month}
            allowClear={false}
            aria-label={t('settlement.month')}
            onChange={(v) => v && setMonth(v.startOf('month'))}
            disabledDate={(d) => d.isAfter(dayjs(), 'month')}
          />
          <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!data}>
            {t('settlement.export')}
          </Button>
        </Flex>
      </Flex>
      {s.isError && <Alert type="error" showIcon title={dispositionProblem(t, s.error)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={8}>
          <Card size="small">
            <Statistic title={t('settlement.col.total')} value={money(data?.total ?? 0)} loading={s.isPending} />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card size="small">
            <Statistic title={t('settlement.col.recovered')} value={money(data?.recovered ?? 0)} loading={s.isPending} />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card size="small">
            <Statistic
              title={t('settlement.col.net')}
              value={money(data ? Math.round((data.total - data.recovered) * 100) / 100 : 0)}
              loading={s.isPending}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('settlement.byDepartment')}>
            <Table
              rowKey={(r) => r.departmentId ?? 'none'}
              size="small"
              pagination={false}
              loading={s.isFetching}
              dataSource={data?.byDepartment ?? []}
              locale={empty}
              columns={[
                { key: 'department', title: t('settlement.col.department'), render: (_, r) => department(r.departmentId) },
                { key: 'cases', title: t('settlement.col.cases'), dataIndex: 'cases', align: 'right', width: 90 },
                amount,
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('settlement.byCategory')}>
            <Table
              rowKey="category"
              size="small"
              pagination={false}
              loading={s.isFetching}
              dataSource={Object.entries(data?.byCategory ?? {}).map(([k, v]) => ({ category: k, amount: v }))}
              locale={empty}
              columns={[{ key: 'category', title: t('settlement.col.category'), render: (_, r) => category(r.category) }, amount]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('settlement.byProduct')}>
            <Table
              rowKey={(r) => r.productId ?? 'none'}
              size="small"
              pagination={false}
              loading={s.isFetching}
              dataSource={data?.byProduct ?? []}
              locale={empty}
              columns={[
                { key: 'model', title: t('settlement.col.product'), render: (_, r) => r.model ?? t('settlement.noProduct') },
                amount,
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('settlement.byCustomer')}>
            <Table
              rowKey={(r) => r.customerId ?? 'none'}
              size="small"
              pagination={false}
              loading={s.isFetching}
              dataSource={data?.byCustomer ?? []}
              locale={empty}
              columns={[
                { key: 'name', title: t('settlement.col.customer'), render: (_, r) => r.name ?? t('settlement.noCustomer') },
                amount,
              ]}
            />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('settlement.recoveries')}>
            <Table
              rowKey={(r) => `${r.bearer}-${r.externalParty ?? ''}`}
              size="small"
              pagination={false}
              loading={s.isFetching}
              dataSource={data?.recoveries ?? []}
              locale={empty}
              scroll={{ x: 640 }}
              columns={[
                { key: 'bearer', title: t('settlement.col.bearer'), width: 120, render: (_, r) => bearer(r.bearer) },
                { key: 'party', title: t('settlement.col.party'), render: (_, r) => r.externalParty ?? '—' },
                amount,
                {
                  key: 'recovered',
                  title: t('settlement.col.recovered'),
                  align: 'right',
                  width: 140,
                  render: (_, r) => money(r.recovered),
                },
                {
                  key: 'outstanding',
                  title: t('settlement.col.outstanding'),
                  align: 'right',
                  width: 140,
                  render: (_, r) => {
                    const left = Math.round((r.amount - r.recovered) * 100) / 100;
                    return <Typography.Text type={left > 0 ? 'warning' : undefined}>{money(left)}</Typography.Text>;
                  },
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
