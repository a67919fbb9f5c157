import type { CustomerView } from '@closeloop/domain';
import { useQueries } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useDebounced } from '../../ui/useDebounced.ts';
import { useCustomerSearch } from '../customers/lookups.ts';

/** Names of customers by id (for chosen customers that are not in the current search results). */
export function useCustomerNames(ids: readonly string[]) {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['customers', 'detail', id],
      queryFn: () => api.get<CustomerView>(`/customers/${id}`),
      staleTime: 60_000,
    })),
  });
  const names = new Map<string, string>();
  for (const r of results) if (r.data) names.set(r.data.id, r.data.name);
  return names;
}

/** Several customers, searched on the server as the user types. A form control. */
export function CustomerMultiSelect({ id, value = [], onChange }: { id?: string; value?: string[]; onChange?: (v: string[]) => void }) {
  const { t } = useTranslation(['sla', 'common']);
  const [q, setQ] = useState('');
  const [opened, setOpened] = useState(false);
  const results = useCustomerSearch(useDebounced(q), { enabled: opened });
  const names = useCustomerNames(value);
  const options = [
    ...value
      .filter((v) => !(results.data ?? []).some((c) => c.id === v))
      .map((v) => ({ value: v, label: names.get(v) ?? `#${v.slice(0, 8)}` })),
    ...(results.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.code})` })),
  ];
  return (
    <Select
      id={id}
      mode="multiple"
      allowClear
      value={value}
      onChange={onChange}
      options={options}
      loading={results.isFetching}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onOpenChange={(open) => open && setOpened(true)}
      placeholder={t('policies.any')}
      notFoundContent={results.isFetching ? t('common:states.loading') : t('common:states.empty')}
    />
  );
}
