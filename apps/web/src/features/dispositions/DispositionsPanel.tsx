import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseDispositions } from './api.ts';
import { DispositionCard } from './DispositionCard.tsx';
import { dispositionProblem } from './format.tsx';
import { ProposeDialog } from './ProposeDialog.tsx';
import { type WarrantyInputs, WarrantyPanel } from './WarrantyPanel.tsx';

/** 处置: the warranty evaluation, then every disposition of the case with its actions, and proposing a new one. */
export function DispositionsPanel({
  caseKey,
  caseNumber,
  canPropose,
  hasProduct,
}: {
  caseKey: string;
  caseNumber: string;
  canPropose: boolean;
  /** Without a product there is nothing to evaluate the warranty against. */
  hasProduct: boolean;
}) {
  const { t } = useTranslation(['dispositions', 'cases', 'common']);
  const list = useCaseDispositions(caseKey);
  const [warranty, setWarranty] = useState<WarrantyInputs>({});
  const [proposing, setProposing] = useState(false);

  return (
    <Flex vertical gap={16}>
      {hasProduct ? (
        <WarrantyPanel caseKey={caseKey} value={warranty} onChange={setWarranty} />
      ) : (
        <Alert type="info" showIcon title={t('warranty.noProduct')} />
      )}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('list.title')}
          {list.data?.length ? ` (${list.data.length})` : ''}
        </Typography.Title>
        {canPropose && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)}>
            {t('propose.button')}
          </Button>
        )}
      </Flex>
      {list.isPending && <Skeleton active />}
      {list.isError && (
        <Alert
          type="error"
          showIcon
          title={dispositionProblem(t, list.error)}
          action={<Button onClick={() => list.refetch()}>{t('common:states.retry')}</Button>}
        />
      )}
      {list.isSuccess && list.data.length === 0 && <Empty description={t('list.empty')} />}
      {list.data?.map((d) => (
        <DispositionCard key={d.id} d={d} />
      ))}
      {proposing && <ProposeDialog caseKey={caseKey} caseNumber={caseNumber} warranty={warranty} onClose={() => setProposing(false)} />}
    </Flex>
  );
}
