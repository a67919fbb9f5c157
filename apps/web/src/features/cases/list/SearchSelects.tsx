import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../../ui/useDebounced.ts';
import { useCustomer, useCustomerSearch, useProduct, useProductSearch } from '../../customers/lookups.ts';

interface Props {
  id: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}

interface Option {
  value: string;
  label: string;
}

/** A single-choice select whose options come from a server search as the user types. */
function RemoteSelect(props: Props & { options: Option[]; loading: boolean; onSearch: (q: string) => void; onOpen: () => void }) {
  const { t } = useTranslation(['caseList', 'common']);
  return (
    <Select
      id={props.id}
      value={props.value}
      onChange={(v) => props.onChange(v ?? undefined)}
      options={props.options}
      loading={props.loading}
      showSearch={{ filterOption: false, onSearch: props.onSearch }}
      onOpenChange={(open) => open && props.onOpen()}
      allowClear
      placeholder={t('filters.searchPlaceholder')}
      notFoundContent={props.loading ? t('common:states.loading') : t('common:states.empty')}
      style={{ width: '100%' }}
    />
  );
}

/** Keeps the chosen option's label even when the current search results do not contain it. */
function withSelected(options: Option[], selected: Option | null): Option[] {
  if (!selected || options.some((o) => o.value === selected.value)) return options;
  return [selected, ...options];
}

export function CustomerSelect(props: Props) {
  const [q, setQ] = useState('');
  const [opened, setOpened] = useState(false);
  const dq = useDebounced(q);
  const results = useCustomerSearch(dq, { enabled: opened });
  const selected = useCustomer(props.value);
  const options = (results.data ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }));
  const current = selected.data ? { value: selected.data.id, label: `${selected.data.name} (${selected.data.code})` } : null;
  return (
    <RemoteSelect
      {...props}
      options={withSelected(options, current)}
      loading={results.isFetching}
      onSearch={setQ}
      onOpen={() => setOpened(true)}
    />
  );
}

export function ProductSelect(props: Props) {
  const [q, setQ] = useState('');
  const [opened, setOpened] = useState(false);
  const dq = useDebounced(q);
  const results = useProductSearch(dq, { enabled: opened });
  const selected = useProduct(props.value);
  const options = (results.data ?? []).map((p) => ({ value: p.id, label: `${p.model} ${p.name}` }));
  const current = selected.data ? { value: selected.data.id, label: `${selected.data.model} ${selected.data.name}` } : null;
  return (
    <RemoteSelect
      {...props}
      options={withSelected(options, current)}
      loading={results.isFetching}
      onSearch={setQ}
      onOpen={() => setOpened(true)}
    />
  );
}
