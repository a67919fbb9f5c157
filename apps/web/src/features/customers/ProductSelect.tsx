import type { ProductView } from '@closeloop/domain';
import { Select, type SelectProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProducts } from './api.ts';

/** Searches products by model or name on the server as the user types. */
export function ProductSelect(props: Omit<SelectProps<string>, 'options' | 'showSearch'>) {
  const { t } = useTranslation(['customers', 'common']);
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const products = useProducts({ q: q || undefined, pageSize: 20 });
  const label = (p: ProductView) => `${p.model} · ${p.name}`;

  return (
    <Select<string>
      placeholder={t('units.productSearch')}
      loading={products.isFetching}
      notFoundContent={products.isFetching ? t('common:states.loading') : t('common:states.empty')}
      {...props}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      options={(products.data?.items ?? []).map((p) => ({ value: p.id, label: label(p), disabled: !p.isActive }))}
    />
  );
}
